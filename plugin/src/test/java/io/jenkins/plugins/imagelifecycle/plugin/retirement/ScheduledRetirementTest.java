package io.jenkins.plugins.imagelifecycle.plugin.retirement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.model.PeriodicWork;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyDecision;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyRunResult;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyStage;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global configuration's retirement policy and schedule (set as JCasC sets them, read back after a restart,
 * refused with the core's message when bad) and the periodic work that runs the policy on the controller: not
 * before the schedule's minute, once when the minute has passed even if the timer called late, never without a
 * schedule, with its events by the scheduled actor. The clock is the test's; nothing sleeps.
 */
class ScheduledRetirementTest {
    private static final Instant NOW = Instant.parse("2026-11-22T02:58:00Z");
    private static final String HOST = "127.0.0.1:5996";
    private static final String POLICY = "rules:\n  - family: \"*\"\n    deprecate: {afterDays: 5}\n    retire: {afterDays: 20}\n"
            + "    reason: nightly clean-up\n";

    @TempDir
    Path home;

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = NOW;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }

        void set(Instant instant) {
            now = instant;
        }
    }

    /** The policy, nightly at a minute Jenkins picks, as JCasC sets them. */
    private static ImageLifecycleConfiguration nightly() {
        ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
        config.setRetirementPolicy(POLICY);
        config.setRetirementSchedule("H 3 * * *");
        return config;
    }

    @Test
    void thePolicyRunsOnceWhenItsMinuteHasPassedWithTheScheduledActor() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            Catalog catalog = ControllerCatalog.get();
            SyntheticImages images = new SyntheticImages(catalog, HOST);
            ImageRecord old = images.blessed("blessed/nightly:1", HOST + "/upstream/base:1", "sha256:" + "b".repeat(64),
                    NOW.minus(Duration.ofDays(30)));
            ImageRecord young = images.blessed("blessed/nightly:2", HOST + "/upstream/base:1", "sha256:" + "b".repeat(64),
                    NOW.minus(Duration.ofDays(6)));
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            config.setRetirementPolicy(POLICY);
            config.setRetirementSchedule("0 3 * * *");
            TestClock clock = new TestClock();
            ScheduledRetirement work = new ScheduledRetirement(clock);

            Optional<PolicyRunResult> early = work.runIfDue();
            clock.set(NOW.plus(Duration.ofMinutes(1)));
            Optional<PolicyRunResult> stillEarly = work.runIfDue();
            clock.set(NOW.plus(Duration.ofMinutes(4))); // 03:02: the timer missed 03:00
            Optional<PolicyRunResult> late = work.runIfDue();
            clock.set(NOW.plus(Duration.ofMinutes(5)));
            Optional<PolicyRunResult> after = work.runIfDue();

            assertThat(early).isEmpty();
            assertThat(stillEarly).isEmpty();
            assertThat(after).as("once per scheduled minute").isEmpty();
            assertThat(late).hasValueSatisfying(run -> {
                assertThat(run.decisions()).filteredOn(d -> !d.dueNow().isEmpty()).extracting(PolicyDecision::digest)
                        .containsExactlyInAnyOrder(old.digest(), young.digest());
                assertThat(run.decisions()).filteredOn(d -> d.digest().equals(old.digest())).singleElement()
                        .satisfies(d -> assertThat(d.dueNow()).containsExactly(PolicyStage.DEPRECATE, PolicyStage.RETIRE));
            });
            assertThat(catalog.find(old.digest()).orElseThrow().stage()).isEqualTo(Stage.RETIRED);
            assertThat(catalog.find(young.digest()).orElseThrow().stage()).isEqualTo(Stage.DEPRECATED);
            assertThat(catalog.history(old.digest())).extracting(LifecycleEvent::action).containsExactly("bless", "deprecate", "retire");
            assertThat(catalog.history(old.digest()).subList(1, 3)).allSatisfy(e -> {
                assertThat(e.actor()).isEqualTo(ScheduledRetirement.ACTOR);
                assertThat(e.reason()).isEqualTo("policy: nightly clean-up");
                assertThat(e.details()).contains(ImageLifecycleConfiguration.RETIREMENT_POLICY_SOURCE);
            });
            assertThat(work.getRecurrencePeriod()).isEqualTo(60_000L);
            assertThat(PeriodicWork.all()).as("Jenkins finds it").hasAtLeastOneElementOfType(ScheduledRetirement.class);
        }
    }

    @Test
    void withoutASchedulePolicyNothingRuns() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageRecord old = new SyntheticImages(ControllerCatalog.get(), HOST).blessed("blessed/manual:1", HOST + "/upstream/base:1",
                    "sha256:" + "b".repeat(64), NOW.minus(Duration.ofDays(30)));
            ImageLifecycleConfiguration.get().setRetirementPolicy(POLICY);
            TestClock clock = new TestClock();
            ScheduledRetirement work = new ScheduledRetirement(clock);

            for (int minute = 0; minute < 3; minute++) {
                clock.set(NOW.plus(Duration.ofMinutes(minute)));
                assertThat(work.runIfDue()).isEmpty();
            }
            assertThat(ControllerCatalog.get().find(old.digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        }
    }

    @Test
    void policyAndScheduleAreReadBackAfterARestartAndRefusedWithTheCoresMessage() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = nightly();

            assertThatThrownBy(() -> config.setRetirementPolicy("rules:\n  - family: x\n    retire: {afterDays: -1}\n"))
                    .isInstanceOf(BadInputException.class).hasMessage("Rule 1 (family x) of policy '"
                            + ImageLifecycleConfiguration.RETIREMENT_POLICY_SOURCE
                            + "': retire.afterDays is '-1'; expected a whole number from 0 to 36500");
            assertThatThrownBy(() -> config.setRetirementSchedule("every night"))
                    .isInstanceOf(BadInputException.class).hasMessageStartingWith("Retirement schedule 'every night' is not a cron spec");
            assertThat(config.doCheckRetirementPolicy("rules:\n  - family: x\n").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(config.doCheckRetirementPolicy(POLICY).kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(config.doCheckRetirementSchedule("61 * * * *").getMessage()).contains("'61'");
            assertThat(config.doCheckRetirementSchedule("@daily").kind).isEqualTo(FormValidation.Kind.OK);
        }
        try (StandInJenkins restarted = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
            assertThat(config.getRetirementPolicy()).isEqualTo(POLICY);
            assertThat(config.getRetirementSchedule()).isEqualTo("H 3 * * *");
            assertThat(config.retirementPolicy()).hasValueSatisfying(p -> assertThat(p.rules()).hasSize(1));
        }
    }

    @Test
    void theFormReportsARefusedPolicyOnItsFieldAndKeepsThePreviousOne() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            ImageLifecycleConfiguration config = nightly();
            org.kohsuke.stapler.StaplerRequest2 binding = (org.kohsuke.stapler.StaplerRequest2) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {org.kohsuke.stapler.StaplerRequest2.class}, (proxy, method, args) -> {
                        net.sf.json.JSONObject json = (net.sf.json.JSONObject) args[1];
                        config.setRetirementSchedule(json.getString("retirementSchedule"));
                        config.setRetirementPolicy(json.getString("retirementPolicy"));
                        return null;
                    });

            assertThatThrownBy(() -> config.configure(binding, net.sf.json.JSONObject.fromObject(
                    "{\"retirementSchedule\": \"H 4 * * *\", \"retirementPolicy\": \"rules: []\"}")))
                    .isInstanceOf(hudson.model.Descriptor.FormException.class).hasMessageContaining("has no rules")
                    .satisfies(e -> assertThat(((hudson.model.Descriptor.FormException) e).getFormField()).isEqualTo("retirementPolicy"));
            assertThatThrownBy(() -> config.configure(binding, net.sf.json.JSONObject.fromObject(
                    "{\"retirementSchedule\": \"H 25 * * *\", \"retirementPolicy\": \"\"}")))
                    .satisfies(e -> assertThat(((hudson.model.Descriptor.FormException) e).getFormField()).isEqualTo("retirementSchedule"));
            assertThat(config.getRetirementPolicy()).isEqualTo(POLICY);
            assertThat(config.getRetirementSchedule()).as("nothing of a refused form is kept").isEqualTo("H 3 * * *");
        }
    }
}
