package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Role;
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
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one catalog promoting 50 digests of one family under one tag into the same two environments at once,
 * 25 each, every promotion on a thread of its own. Afterwards the catalog holds every placement and event, each
 * environment's placements form one unbroken chain of {@code previous} digests (no update lost or overwritten), the
 * pointer is the last committed placement, the environment's tag in the registry names the same digest, and the catalog
 * check finds nothing. Here two CLI-like processes on one embedded catalog, as parallel jobs on one CI agent;
 * {@link TwoControllersPromotingIT} runs it as two controllers on PostgreSQL.
 */
@Tag("integration")
class TwoProcessesPromotingIT {
    private static final int PROMOTIONS = 50;
    private static final List<String> ENVIRONMENTS = List.of("dev", "qa");

    /** The registry of this JVM's tests; this test's repository is its own. */
    private final TestRegistry registry = RealDocker.registry();

    @TempDir
    Path files;
    @TempDir
    Path catalogDir;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    /** The catalog both processes share. */
    SharedCatalog catalog() {
        return SharedCatalog.embedded(catalogDir);
    }

    @Test
    void fiftyPromotionsFromTwoControllersLoseNothingAndEndOnTheLastCommittedPlacement() throws Exception {
        ImageRef source = ImageRef.parse(registry.host() + "/apps/controllers-" + unique + ":1");
        String family = source.name();
        List<String> digests = new ArrayList<>();
        List<String> environmentOf = new ArrayList<>();
        try (Catalog catalog = catalog().open()) {
            SyntheticImages records = new SyntheticImages(catalog, registry.host());
            for (int i = 0; i < PROMOTIONS; i++) {
                // one tag, a new digest each time: what rebuilds of one version do, and what makes the environments' tags race
                String digest = TinyImages.push(registry.client(), source, "controllers " + unique + " " + i).toString();
                records.record("apps/controllers-" + unique + ":1", digest, Role.BLESSED, null, "upstream/base:1", null,
                        Instant.now());
                digests.add(digest);
                environmentOf.add(ENVIRONMENTS.get(i / 2 % 2));
            }
        }
        Path config = Files.writeString(files.resolve("lifecycle.yaml"),
                "environments:\n  - name: dev\n  - name: qa\n    allowSkip: true\n");
        List<Process> controllers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            StringBuilder assigned = new StringBuilder();
            // each controller gets every other digest, and so promotions into both environments
            for (int i = c; i < PROMOTIONS; i += 2) {
                assigned.append(digests.get(i)).append(' ').append(environmentOf.get(i)).append('\n');
            }
            controllers.add(start(c, assigned.toString(), config));
        }
        List<BufferedReader> outputs = new ArrayList<>();
        for (Process controller : controllers) {
            BufferedReader out = new BufferedReader(new InputStreamReader(controller.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).as("controller is ready").isEqualTo("ready");
            outputs.add(out);
        }
        long started = System.nanoTime();
        for (Process controller : controllers) {
            Writer in = new OutputStreamWriter(controller.getOutputStream(), StandardCharsets.UTF_8);
            in.write("go\n");
            in.flush();
        }
        for (int c = 0; c < controllers.size(); c++) {
            Process controller = controllers.get(c);
            // 25 short lines: they fit the pipe, so reading them after the end cannot hold the controller up
            assertThat(controller.waitFor(5, TimeUnit.MINUTES)).as("controller " + c + " ended").isTrue();
            List<String> outcomes = outputs.get(c).lines().toList();
            assertThat(controller.exitValue()).as("controller " + c + ": " + outcomes + Files.readString(files.resolve("err-" + c)))
                    .isZero();
            assertThat(outcomes).hasSize(PROMOTIONS / 2).allMatch(line -> line.startsWith("promoted "));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        try (Catalog catalog = catalog().open()) {
            int placements = 0;
            for (String env : ENVIRONMENTS) {
                List<String> promotedHere = new ArrayList<>();
                for (int i = 0; i < PROMOTIONS; i++) {
                    if (environmentOf.get(i).equals(env)) {
                        promotedHere.add(digests.get(i));
                    }
                }
                List<Placement> history = catalog.environmentHistory(env, family);
                assertThat(history).extracting(Placement::digest).containsExactlyInAnyOrderElementsOf(promotedHere);
                placements += history.size();
                for (int i = 0; i < history.size(); i++) {
                    // each placement replaced the one committed just before it: no update lost or overwritten
                    assertThat(history.get(i).previous()).as(env + " placement " + i)
                            .isEqualTo(i == 0 ? null : history.get(i - 1).digest());
                }
                String last = history.get(history.size() - 1).digest();
                LifecycleEvent lastEvent = promoteEvents(catalog, digests).stream()
                        .filter(e -> e.details().contains("\"environment\":\"" + env + "\""))
                        .max(Comparator.comparingLong(LifecycleEvent::id)).orElseThrow();
                assertThat(lastEvent.digest()).as("the last committed promote event into " + env).isEqualTo(last);
                assertThat(catalog.current(env, family)).as(env + "'s pointer").contains(last);
                ImageRef tag = ImageRef.parse(history.get(history.size() - 1).targetRef());
                assertThat(registry.client().resolve(tag)).as(env + "'s tag " + tag).isEqualTo(Digest.parse(last));
            }
            assertThat(placements).isEqualTo(PROMOTIONS);
            assertThat(promoteEvents(catalog, digests)).hasSize(PROMOTIONS);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
        System.out.println(getClass().getSimpleName() + ": " + PROMOTIONS + " promotions from 2 processes in " + millis + " ms");
    }

    private static List<LifecycleEvent> promoteEvents(Catalog catalog, List<String> digests) {
        List<LifecycleEvent> events = new ArrayList<>();
        for (String digest : digests) {
            catalog.history(digest).stream().filter(e -> e.action().equals(PromoteOperation.ACTION)).forEach(events::add);
        }
        return events;
    }

    /** A controller JVM with the test's class path; a PostgreSQL catalog's password reaches it in the password file. */
    private Process start(int n, String promotions, Path config) throws Exception {
        Path assigned = Files.writeString(files.resolve("promotions-" + n), promotions);
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), PromotingController.class.getName(), catalog().location(),
                config.toString(), assigned.toString(), "controller-" + n);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(files.resolve("err-" + n).toFile());
        builder.environment().putAll(catalog().processEnvironment());
        return builder.start();
    }
}
