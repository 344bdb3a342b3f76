package io.jenkins.plugins.imagelifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** HTTPS registries: trusted through a given CA file, refused with the JVM's trust store alone. */
@Tag("integration")
class RegistryTlsIT {
    @Test
    void aRegistrySignedByAPrivateCaAnswersWhenTheCaFileIsGivenAndOnlyThen() {
        try (TestRegistry secure = TestRegistry.builder().withTls().start()) {
            RegistryClient trusting = new RegistryClient(h -> new RegistryEndpoint(h, false, secure.caFile()), h -> Optional.empty());
            trusting.ping(secure.host());

            RegistryClient jvmTrustOnly = new RegistryClient(h -> new RegistryEndpoint(h, false, null), h -> Optional.empty());
            assertThatThrownBy(() -> jvmTrustOnly.ping(secure.host()))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("https://" + secure.host());
            assertThat(secure.isRunning()).isTrue();
        }
    }
}
