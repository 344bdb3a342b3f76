package io.jenkins.plugins.imagelifecycle.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.config.RegistrySettings;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import io.jenkins.plugins.imagelifecycle.testing.TokenGuardedFront;
import io.jenkins.plugins.imagelifecycle.testing.TokenGuardedFront.TokenService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real registry behind a loopback front that answers 401 with a Bearer realm of the test's choosing: a
 * realm on another loopback port (another service of the same host) is refused with one line naming it and
 * never contacted; one the configuration names is asked, with the registry's credentials, and the
 * reference resolves through the real registry; a realm on the registry's own host and port needs no
 * configuration. And the controller's client sends nothing to a registry the configuration does not list.
 */
@Tag("integration")
class TokenRealmIT {
    private static final RegistryCredentials ROBOT = new RegistryCredentials("robot", "robot-password-31337");
    private static TestRegistry registry;
    private static Digest pushed;

    @BeforeAll
    static void pushAnImage() {
        registry = TestRegistry.start();
        pushed = TinyImages.push(registry.client(), ImageRef.parse(registry.host() + "/realm/app:1"), "realm");
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    private static RegistryClient controllerClient(String host, List<String> tokenRealmHosts) {
        LifecycleConfig config = new LifecycleConfig(List.of(new RegistrySettings(host, true, null, null, null, tokenRealmHosts)), List.of());
        return config.controllerRegistryClient(h -> Optional.of(ROBOT));
    }

    @Test
    void aRealmOnAnotherPortOfTheSameHostIsRefusedWithOneLineAndNeverContacted() {
        try (TokenGuardedFront front = TokenGuardedFront.of(registry.host()); TokenService other = TokenService.start()) {
            front.realm(other.url());
            RegistryClient client = controllerClient(front.host(), List.of());

            assertThatThrownBy(() -> client.resolve(ImageRef.parse(front.host() + "/realm/app:1")))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessage("Registry " + front.host() + " names token realm host " + other.host() + ", which is not allowed: "
                            + "expected the registry's own host " + front.host() + " or one of its tokenRealmHosts (none configured); "
                            + "not contacted");
            assertThat(other.requests()).as("the realm on another port was never contacted").isZero();
            assertThat(front.requests()).as("only the challenged request reached the registry's front").isEqualTo(1);
        }
    }

    @Test
    void aLinkLocalMetadataRealmAndAnotherHostNotConfiguredAreRefused() {
        try (TokenGuardedFront front = TokenGuardedFront.of(registry.host()); TokenService other = TokenService.start()) {
            RegistryClient client = controllerClient(front.host(), List.of("auth.example.com"));
            front.realm("http://169.254.169.254/latest/meta-data/iam/security-credentials/");
            assertThatThrownBy(() -> client.resolve(ImageRef.parse(front.host() + "/realm/app:1")))
                    .hasMessage("Registry " + front.host() + " names token realm host 169.254.169.254:80, which is not allowed: "
                            + "expected the registry's own host " + front.host() + " or one of its tokenRealmHosts (auth.example.com); "
                            + "not contacted");
            front.realm("http://localhost:" + other.host().split(":")[1] + "/token");
            assertThatThrownBy(() -> client.resolve(ImageRef.parse(front.host() + "/realm/app:1")))
                    .hasMessageContaining("names token realm host localhost:" + other.host().split(":")[1] + ", which is not allowed");
            assertThat(other.requests()).isZero();
        }
    }

    @Test
    void aConfiguredRealmHostIsAskedWithTheRegistrysCredentialsAndTheReferenceResolves() {
        try (TokenGuardedFront front = TokenGuardedFront.of(registry.host()); TokenService realm = TokenService.start()) {
            front.realm(realm.url());
            RegistryClient client = controllerClient(front.host(), List.of(realm.host()));

            assertThat(client.resolve(ImageRef.parse(front.host() + "/realm/app:1"))).isEqualTo(pushed);
            assertThat(realm.requests()).isEqualTo(1);
            assertThat(realm.authorizations()).containsExactly("Basic " + Base64.getEncoder()
                    .encodeToString((ROBOT.username() + ":" + ROBOT.password()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aRealmOnTheRegistrysOwnHostAndPortNeedsNoConfiguration() {
        try (TokenGuardedFront front = TokenGuardedFront.of(registry.host())) {
            assertThat(controllerClient(front.host(), List.of()).resolve(ImageRef.parse(front.host() + "/realm/app:1"))).isEqualTo(pushed);
        }
    }

    @Test
    void theControllersClientSendsNothingToARegistryTheConfigurationDoesNotList() {
        try (TokenGuardedFront front = TokenGuardedFront.of(registry.host())) {
            RegistryClient controller = controllerClient("registry.example.com", List.of());
            assertThatThrownBy(() -> controller.resolve(ImageRef.parse(front.host() + "/realm/app:1")))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessage("Registry " + front.host() + " is not one of the configured registries (registry.example.com), which are "
                            + "the only ones the controller contacts; refused to resolve " + front.host() + "/realm/app:1 (list it in the "
                            + "configuration's registries, or do it on an agent)");
            assertThat(front.requests()).isZero();

            RegistryClient agent = new LifecycleConfig(List.of(new RegistrySettings("registry.example.com", null, null, null, null)),
                    List.of()).registryClient(h -> Optional.empty());
            assertThat(agent.resolve(ImageRef.parse(front.host() + "/realm/app:1"))).as("an agent's client reaches it").isEqualTo(pushed);
            assertThat(LifecycleConfig.empty().controllerRegistryClient(h -> Optional.empty())
                    .resolve(ImageRef.parse(front.host() + "/realm/app:1"))).as("no registries configured: no restriction").isEqualTo(pushed);
        }
    }

    @Test
    void aBadTokenRealmHostEntryIsRefusedNamingIt() {
        assertThatThrownBy(() -> new RegistrySettings("registry.example.com", null, null, null, null, List.of("https://auth.example.com/token")))
                .hasMessage("Token realm host 'https://auth.example.com/token' of registry registry.example.com is not a host; "
                        + "expected host or host:port, e.g. auth.example.com");
    }
}
