package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.RunActors;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.verify.SpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protected environment counts a passing test run only when the job that built the image recorded it, or a job
 * it trusts as a tester: a real spec run on the real engine by another job makes the image tested, is recorded as
 * another job's, and does not open prod.
 */
@Tag("integration")
class TrustedTesterGateIT {
    @TempDir
    Path dir;

    @Test
    void aPassingRunRecordedByAnotherJobDoesNotOpenAProtectedEnvironmentUnlessItIsATrustedTester() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Path spec = Files.writeString(dir.resolve("sh.yaml"), "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: a shell\n"
                + "    path: /bin/sh\n");
        try (Catalog catalog = Catalog.open(dir.resolve("catalog").toString())) {
            ImageRef pushed = RealDocker.busyboxBase("teams/web-" + unique + ":1", "tester" + unique);
            // SyntheticImages records "job/NAME#1" as the builder: here the job "job/teams/web-…:1"
            ImageRecord image = new SyntheticImages(catalog, RealDocker.registry().host()).record("teams/web-" + unique + ":1",
                    pushed.digest().orElseThrow().toString(), Role.AUGMENTED, null, null, null, Instant.now());
            String builder = RunActors.jobOf(image.builtBy());
            assertThat(builder).isEqualTo("job/teams/web-" + unique + ":1");
            var operation = new ImageTestOperation(catalog);
            operation.record(image, ImageTestOperation.runOn(RealDocker.engine(), image, SpecParser.parseAll(List.of(spec)),
                    ImageTestOperation.runner(RealDocker.engine(), 1, Duration.ofSeconds(60)), h -> Optional.empty(), RealDocker.quiet()),
                    "mallory via other/pipeline#3");
            LifecycleEvent tested = catalog.history(image.digest()).get(catalog.history(image.digest()).size() - 1);
            assertThat(tested.reason()).contains("(recorded by other/pipeline, not " + builder + " that built it)");
            assertThat(Json.read(tested.details()).path("testedByOtherJob").asBoolean()).isTrue();

            Environment dev = new Environment("dev", null, false, false);
            Environment prod = new Environment("prod", null, true, false);
            var promote = new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(dev, prod)), RealDocker.registry().client(),
                    Clock.systemUTC());
            assertThat(promote.promote(new PromoteRequest(image.digest(), "dev", null, null), "a", RealDocker.quiet()).environment())
                    .as("an unprotected environment takes the run").isEqualTo("dev");
            assertThatThrownBy(() -> promote.promote(new PromoteRequest(image.digest(), "prod", "carol", null), "a", RealDocker.quiet()))
                    .isInstanceOf(GateRefusedException.class)
                    .hasMessageContaining("was tested only by mallory via other/pipeline#3, not by " + builder + " that built it");
            assertThat(catalog.current("prod", image.repository())).isEmpty();

            var trusting = new PromoteOperation(catalog, new LifecycleConfig(List.of(), List.of(dev, prod.withTrustedTesters(List.of("other/")))),
                    RealDocker.registry().client(), Clock.systemUTC());
            assertThat(trusting.promote(new PromoteRequest(image.digest(), "prod", "carol", null), "a", RealDocker.quiet()).environment())
                    .as("a folder trusted as a tester").isEqualTo("prod");
            var placed = catalog.placements(image.digest()).stream().filter(p -> p.environment().equals("prod")).findFirst().orElseThrow();
            assertThat(placed.approval()).as("a name given with the request, as the CLI's --approver").isEqualTo(Placement.STATED);
            assertThat(placed.approvalText()).isEqualTo("carol (stated, not authenticated)");
            LifecycleEvent promoted = catalog.history(image.digest()).get(catalog.history(image.digest()).size() - 1);
            assertThat(Json.read(promoted.details()).path("approval").asText()).isEqualTo("stated");
            assertThat(new PromoteRequest(image.digest(), "prod", "carol", null).approvedBy("alice").approval())
                    .as("a user the front end authenticated").isEqualTo(Placement.AUTHENTICATED);
        }
    }

    @Test
    void theJobIsReadFromWhatRunIdentityRecords() {
        assertThat(RunActors.jobOf("alice via team/app#7")).isEqualTo("team/app");
        assertThat(RunActors.jobOf("team/app#12")).isEqualTo("team/app");
        assertThat(RunActors.jobOf("root")).as("a CLI user").isNull();
        assertThat(RunActors.jobOf("SYSTEM (scheduled retirement policy)")).isNull();
        assertThat(RunActors.matches("team/app", "team")).isTrue();
        assertThat(RunActors.matches("team/app", "team/")).isTrue();
        assertThat(RunActors.matches("teammate/app", "team")).isFalse();
        assertThat(RunActors.matches("team/app", "team/app")).isTrue();
    }
}
