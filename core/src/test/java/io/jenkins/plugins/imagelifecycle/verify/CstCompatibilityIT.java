package io.jenkins.plugins.imagelifecycle.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.docker.ContainerSettings;
import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * container-structure-test's own specs, unchanged (/work/shared/peer-specs or PEER_SPECS), each against an image
 * made to match what it was written for, with the result CST's own driver (tests/structure_test_tests.sh)
 * expects: a success spec passes (CST's exit 0), a failure spec fails (exit 1) in the tests its authors meant to fail.
 */
@Tag("integration")
class CstCompatibilityIT {
    private static final Path SPECS = Path.of(System.getenv().getOrDefault("PEER_SPECS",
            "/work/shared/peer-specs/container-structure-test"));

    @TempDir
    static Path dir;
    private static CstPeerImages images;

    @BeforeAll
    static void images() throws Exception {
        images = new CstPeerImages(dir);
    }

    @AfterAll
    static void removeImages() {
        if (images != null) {
            images.close();
        }
    }

    private static TestReport run(String image, String spec, Map<String, String> hostEnv, Path workingDirectory) {
        List<SpecFile> specs = SpecParser.readAll(List.of(SPECS.resolve(spec)));
        return run(image, specs, hostEnv, workingDirectory);
    }

    private static TestReport run(String image, List<SpecFile> specs, Map<String, String> hostEnv, Path workingDirectory) {
        return new ImageTestRunner(new DockerContainers(RealDocker.engine()), 4, Duration.ofSeconds(120), hostEnv, workingDirectory)
                .run(image, specs, RealDocker.quiet());
    }

    private static TestReport run(String image, String spec) {
        return run(image, spec, Map.of(), dir);
    }

    private static void passes(TestReport report, int tests) {
        assertThat(report.results()).as(report.results().toString()).hasSize(tests).allMatch(TestResult::passed);
        assertThat(report.passed()).isTrue();
    }

    @Test
    void theUbuntuSuccessSpecPasses() {
        TestReport report = run(images.ubuntu, "ubuntu_22_04_test.yaml");
        passes(report, 11);
        assertThat(report.results()).extracting(TestResult::name).contains("Command Test: apt-get",
                "File Content Test: Debian Sources", "File Existence Test: Date", "License Test");
    }

    @Test
    void theDebianSuccessSpecPasses() {
        passes(run(images.debian, "debian_test.yaml"), 11);
    }

    @Test
    void theMetadataSpecsOfBothSchemasOfMetadataPass() {
        passes(run(images.metadata, "ubuntu_22_04_metadata_test.yaml"), 1);
        // the 2020 spec names the environment "env", as CST did then
        passes(run(images.metadata, "debian_metadata_test.yaml"), 1);
    }

    @Test
    void runOptionsUserCapabilitiesAndBindMountsPass() throws Exception {
        passes(run(images.unprivileged, "ubuntu_22_04_containeropts_user_test.yaml"), 1);
        Path hostSide = Path.of("/tmp/test");
        boolean existed = Files.exists(hostSide);
        try {
            TestReport unchanged = run(images.ubuntu, "ubuntu_22_04_containeropts_test.yaml");
            if (enginePermitsPrivileged()) {
                passes(unchanged, 2);
            } else {
                // this machine's engine cannot grant every capability (it runs with fewer itself), so it refuses
                // any privileged container: the spec fails with the engine's reason, and passes without privileged
                assertThat(unchanged.results()).hasSize(2)
                        .allSatisfy(r -> assertThat(r.message()).contains("unable to apply caps"));
                Path withoutPrivileged = Files.writeString(dir.resolve("containeropts-not-privileged.yaml"),
                        Files.readString(SPECS.resolve("ubuntu_22_04_containeropts_test.yaml")).replace("  privileged: true\n", ""));
                passes(run(images.ubuntu, SpecParser.readAll(List.of(withoutPrivileged)), Map.of(), dir), 2);
            }
        } finally {
            if (!existed) {
                // the engine made the bind mount's host folder, as docker run -v does
                Files.deleteIfExists(hostSide);
            }
        }
    }

    private static boolean enginePermitsPrivileged() {
        try {
            new DockerContainers(RealDocker.engine()).run(images.debian, List.of("true"), List.of(),
                    new ContainerSettings(null, true, false, List.of(), List.of()), Duration.ofSeconds(60));
            return true;
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("unable to apply caps")) {
                return false;
            }
            throw e;
        }
    }

    @Test
    void runOptionsEnvironmentFromTheRunnersEnvironmentAndAnEnvFilePass() throws Exception {
        passes(run(images.ubuntu, "ubuntu_22_04_containeropts_env_test.yaml",
                Map.of("FOO", "keepitsecret!", "BAR", "keepitsafe!"), dir), 1);
        // without the variables the same spec fails: the values come from the runner's environment, not the image
        assertThat(run(images.ubuntu, "ubuntu_22_04_containeropts_env_test.yaml").passed()).isFalse();

        Path workingDirectory = Files.createDirectories(dir.resolve("cwd/tests"));
        Files.copy(SPECS.resolve("envfile"), workingDirectory.resolve("envfile"));
        passes(run(images.ubuntu, "ubuntu_22_04_containeropts_envfile_test.yaml", Map.of(), workingDirectory.getParent()), 1);
    }

    @Test
    void theUbuntuFailureSpecOfSchema100FailsInTheTestsMeantToFail() {
        TestReport report = run(images.ubuntu, "ubuntu_22_04_failure_test.yaml");
        assertThat(report.passed()).isFalse();
        assertThat(report.failedNames()).containsExactlyInAnyOrder("Command Test: bad apt-get-command",
                "File Content Test: Debian Sources", "File Content Test: Wrong Retry Policy",
                "File Existence Test: Fake Dir", "File Existence Test: Wrong permissions");
        // what the spec leaves true of the image still passes
        assertThat(report.results()).filteredOn(TestResult::passed).extracting(TestResult::name)
                .containsExactlyInAnyOrder("Command Test: apt-config", "Command Test: path", "License Test");
    }

    @Test
    void theDebianFailureSpecIsOneFailingResultForItsDuplicateKey() {
        TestReport report = run(images.debian, "debian_failure_test.yaml");
        assertThat(report.passed()).isFalse();
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("debian_failure_test.yaml");
            assertThat(r.message()).contains("key 'name' appears twice");
        });
    }
}
