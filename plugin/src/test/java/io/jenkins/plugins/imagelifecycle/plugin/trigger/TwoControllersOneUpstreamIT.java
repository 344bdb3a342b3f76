package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.RebuildClaims;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SharedCatalog;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stand-in controllers, each a JVM of its own with its own JENKINS_HOME, share one PostgreSQL catalog and carry the
 * same job with the same upstream trigger. Each time the upstream is patched both triggers check at the same moment: one
 * build is scheduled between them, by the controller that claimed the change, and a later digest schedules one again.
 */
@Tag("integration")
class TwoControllersOneUpstreamIT {
    private static final int PATCHES = 5;

    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @TempDir
    Path files;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final TestRegistry registry = RealDocker.registry();

    @Test
    void bothTriggersFiringAtOnceScheduleOneBuildPerUpstreamChange() throws Exception {
        SharedCatalog shared = SharedCatalog.postgres(postgres.server());
        ImageRef upstream = ImageRef.parse(registry.host() + "/upstream/claims-" + unique + ":1");
        String job = "images/base-" + unique;
        Digest builtFrom = TinyImages.push(registry.client(), upstream, "v0 " + unique);
        try (Catalog catalog = shared.open()) {
            // the job's blessed image, built from the upstream as it was: what makes the trigger's reference tracked
            new SyntheticImages(catalog, registry.host()).record("blessed/claims-" + unique + ":1", Digest.sha256(unique).toString(),
                    Role.BLESSED, builtFrom.toString(), upstream.toString(), builtFrom.toString(), Instant.now());
        }
        List<Controller> controllers = List.of(new Controller("a", shared, job, upstream), new Controller("b", shared, job, upstream));

        int[] scheduled = new int[controllers.size()];
        for (int patch = 1; patch <= PATCHES; patch++) {
            Digest patched = TinyImages.push(registry.client(), upstream, "v" + patch + " " + unique);
            controllers.forEach(Controller::go);
            int builds = 0;
            for (int c = 0; c < controllers.size(); c++) {
                String[] checked = controllers.get(c).checked();
                builds += Integer.parseInt(checked[1]) - scheduled[c];
                scheduled[c] = Integer.parseInt(checked[1]);
            }
            assertThat(builds).as("builds scheduled for patch " + patch + " by both controllers").isEqualTo(1);
            try (Catalog catalog = shared.open()) {
                assertThat(new RebuildClaims(catalog).held(upstream.toString(), patched.toString())).singleElement()
                        .satisfies(claim -> assertThat(claim.consumer()).isEqualTo(job))
                        .satisfies(claim -> assertThat(claim.claimedBy()).isIn("https://controller-a.example/",
                                "https://controller-b.example/"));
            }
        }
        // no new digest: a check of either finds the change it has seen already claimed, and schedules nothing
        controllers.forEach(Controller::go);
        for (int c = 0; c < controllers.size(); c++) {
            assertThat(controllers.get(c).checked()).containsExactly("checked", Integer.toString(scheduled[c]), "0");
        }
        for (Controller controller : controllers) {
            controller.end();
        }
        System.out.println("TwoControllersOneUpstreamIT: " + PATCHES + " patches, " + (scheduled[0] + scheduled[1])
                + " builds (controller a " + scheduled[0] + ", b " + scheduled[1] + ")");
    }

    /** A {@link WatchingController} process: told to check on its standard input, answering on its standard output. */
    private final class Controller {
        private final Process process;
        private final BufferedReader out;
        private final Writer in;
        private final Path err;

        Controller(String name, SharedCatalog shared, String job, ImageRef upstream) throws Exception {
            err = files.resolve("err-" + name);
            Path home = Files.createDirectories(files.resolve("home-" + name));
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), WatchingController.class.getName(), home.toString(),
                    "https://controller-" + name + ".example/", shared.location(), job, upstream.toString())
                    .redirectError(err.toFile());
            builder.environment().putAll(shared.processEnvironment());
            process = builder.start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            assertThat(out.readLine()).as("controller " + name + " started: " + Files.readString(err)).isEqualTo("ready");
        }

        void go() {
            send("go");
        }

        /** Its answer to the last {@code go}: {@code checked SCHEDULED CLAIMED}. */
        String[] checked() {
            try {
                String line = out.readLine();
                assertThat(line).as(Files.readString(err)).isNotNull().startsWith("checked ");
                return line.split(" ");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void end() throws Exception {
            send("end");
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(err)).isZero();
        }

        private void send(String line) {
            try {
                in.write(line + "\n");
                in.flush();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
