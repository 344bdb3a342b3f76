package io.jenkins.plugins.imagelifecycle.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleConfigTest {
    @TempDir
    Path dir;

    private LifecycleConfig load(String yaml) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return LifecycleConfig.load(file, true);
    }

    @Test
    void withoutAFileTheEnvironmentsAreDevQaAndAProtectedProd() {
        LifecycleConfig config = LifecycleConfig.load(dir.resolve("absent.yaml"), false);
        assertThat(config.environments()).extracting(Environment::name).containsExactly("dev", "qa", "prod");
        assertThat(config.environment("prod").protectedEnv()).isTrue();
        assertThat(config.previous(config.environment("qa"))).map(Environment::name).contains("dev");
        assertThat(config.environment("dev").targetFor(ImageRef.parse("127.0.0.1:5000/apps/hello:1.0")))
                .hasToString("127.0.0.1:5000/dev/apps/hello:1.0");
        assertThatThrownBy(() -> LifecycleConfig.load(dir.resolve("absent.yaml"), true)).hasMessageContaining("does not exist");
    }

    @Test
    void readsRegistriesEnvironmentsAndNamingRules() throws Exception {
        LifecycleConfig config = load("""
                registries:
                  - host: registry.example.com
                    insecure: false
                    caFile: /etc/ssl/corp-ca.pem
                    usernameEnv: REG_USER
                    passwordEnv: REG_PASSWORD
                environments:
                  - name: dev
                    target: "{registry}/dev/{name}:{tag}"
                  - name: prod
                    target: "prod.example.com/{repository}:{tag}"
                    protected: true
                    allowSkip: true
                """);
        assertThat(config.environment("dev").targetFor(ImageRef.parse("registry.example.com/team/app:2")))
                .hasToString("registry.example.com/dev/app:2");
        assertThat(config.environment("prod").allowSkip()).isTrue();
        assertThat(config.endpoint("registry.example.com").baseUri().toString()).isEqualTo("https://registry.example.com/v2/");
        assertThat(config.endpoint("127.0.0.1:5000").insecure()).isTrue();
        var creds = config.credentials(Map.of("REG_USER", "robot", "REG_PASSWORD", "s3cret"), h -> Optional.empty());
        assertThat(creds.apply("registry.example.com")).contains(new RegistryCredentials("robot", "s3cret"))
                .map(Object::toString).contains("robot:****");
        assertThatThrownBy(() -> config.credentials(Map.of(), h -> Optional.empty()).apply("registry.example.com"))
                .hasMessageContaining("REG_USER").hasMessageContaining("REG_PASSWORD").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> config.environment("staging")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("dev, prod");
    }

    @Test
    void refusesClearTextPasswordsUnknownKeysAndBadRules() throws Exception {
        assertThatThrownBy(() -> load("registries:\n  - host: r.example.com\n    password: hunter2\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'password'")
                .hasMessageContaining("never go in this file").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> load("environments:\n  - name: dev\n    protect: true\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'protect'");
        assertThatThrownBy(() -> load("environments:\n  - name: Dev\n")).hasMessageContaining("'Dev'");
        assertThatThrownBy(() -> load("environments:\n  - name: dev\n  - name: dev\n")).hasMessageContaining("twice");
        LifecycleConfig odd = load("environments:\n  - name: dev\n    target: \"{registry}/{team}/{name}\"\n");
        assertThatThrownBy(() -> odd.environment("dev").targetFor(ImageRef.parse("r.example.com/a:1")))
                .hasMessageContaining("unknown placeholder");
    }

    @Test
    void aRegistrysTokenRealmHostsAreReadAndABadOneIsRefusedNamingIt() throws Exception {
        LifecycleConfig config = load("""
                registries:
                  - host: registry.example.com
                    tokenRealmHosts: [auth.example.com, "auth.example.com:5001"]
                """);
        assertThat(config.endpoint("registry.example.com").tokenRealmHosts()).containsExactly("auth.example.com", "auth.example.com:5001");
        assertThat(config.endpoint("docker.io").tokenRealmHosts()).as("Docker Hub's token service, unconfigured").containsExactly("auth.docker.io");

        assertThatThrownBy(() -> load("""
                registries:
                  - host: registry.example.com
                    tokenRealmHosts: ["https://auth.example.com/token"]
                """)).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("config.yaml: Token realm host 'https://auth.example.com/token' of registry "
                        + "registry.example.com is not a host; expected host or host:port, e.g. auth.example.com");
    }
}
