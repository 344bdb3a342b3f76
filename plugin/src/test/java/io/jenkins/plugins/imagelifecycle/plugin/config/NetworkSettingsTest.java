package io.jenkins.plugins.imagelifecycle.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.plugin.SystemCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings of issue 22's network points: a registry's token realm hosts, the webhook's signing key and event
 * window; set as JCasC sets them, read back by a restarted controller, refused with one line when bad, and the
 * controller's registry client keeping to the configured registries.
 */
class NetworkSettingsTest {
    @TempDir
    Path home;

    @Test
    void aRestartedControllerReadsBackTheRealmHostsSigningKeyAndWindow() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            RegistryConfig registry = new RegistryConfig("registry.example.com");
            registry.setTokenRealmHosts(" auth.example.com \n\nauth.example.com:5001\n");
            config.setRegistries(List.of(registry));
            config.setWebhookSignatureSecret(Secret.fromString("sign-key-1"));
            config.setWebhookEventWindow("30m");
        }
        assertThat(Files.readString(home.resolve(ImageLifecycleConfiguration.class.getName() + ".xml"))).contains("auth.example.com:5001");

        try (StandInJenkins restarted = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            assertThat(config.getRegistries().get(0).getTokenRealmHosts()).isEqualTo("auth.example.com\nauth.example.com:5001");
            assertThat(config.toLifecycleConfig().endpoint("registry.example.com").tokenRealmHosts())
                    .containsExactly("auth.example.com", "auth.example.com:5001");
            assertThat(config.getWebhookSignatureSecret().getPlainText()).isEqualTo("sign-key-1");
            assertThat(config.webhookEventWindow()).isEqualTo(Duration.ofMinutes(30));
        }
    }

    @Test
    void badValuesAreRefusedWithOneLineNamingThem() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            RegistryConfig registry = new RegistryConfig("registry.example.com");
            assertThatThrownBy(() -> registry.setTokenRealmHosts("https://auth.example.com/token"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("Token realm host 'https://auth.example.com/token' of registry registry.example.com is not a host; "
                            + "expected host or host:port, e.g. auth.example.com");
            var descriptor = new RegistryConfig.DescriptorImpl();
            assertThat(descriptor.doCheckTokenRealmHosts("registry.example.com", "auth.example.com\nuser@evil").getMessage())
                    .isEqualTo("Token realm host 'user@evil' of registry registry.example.com is not a host; expected host or host:port, "
                            + "e.g. auth.example.com");
            assertThat(descriptor.doCheckTokenRealmHosts("registry.example.com", "auth.example.com:5001").kind).isEqualTo(FormValidation.Kind.OK);

            assertThatThrownBy(() -> config.setWebhookEventWindow("0s"))
                    .hasMessage("Webhook event window '0s' is zero; expected a duration such as 10m");
            assertThat(config.doCheckWebhookEventWindow("").getMessage()).isEqualTo("Events stamped more than 10m from now are refused");
            assertThat(config.doCheckWebhookEventWindow("ten minutes").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(config.webhookEventWindow()).as("unchanged by the refusals: the default").isEqualTo(Duration.ofMinutes(10));
        }
    }

    @Test
    void theControllersRegistryClientRefusesRegistriesTheConfigurationDoesNotList() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration.get().setRegistries(List.of(new RegistryConfig("registry.example.com")));
            assertThatThrownBy(() -> SystemCredentials.registryClient().resolve(ImageRef.parse("169.254.169.254/latest/meta-data:1")))
                    .hasMessage("Registry 169.254.169.254 is not one of the configured registries (registry.example.com), which are the "
                            + "only ones the controller contacts; refused to resolve 169.254.169.254/latest/meta-data:1 (list it in the "
                            + "configuration's registries, or do it on an agent)");
        }
    }
}
