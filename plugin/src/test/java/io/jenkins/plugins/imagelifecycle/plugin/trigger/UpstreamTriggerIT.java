package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.util.Secret;
import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.lifecycle.AdvisoryOperation;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.config.RegistryConfig;
import io.jenkins.plugins.imagelifecycle.plugin.steps.AugmentImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.steps.BlessImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Http;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestRun;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestStepContext;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.RootFs;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import io.jenkins.plugins.imagelifecycle.watch.RegistryNotifications;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream trigger against real digest changes in a real registry: nothing scheduled while nothing
 * changed, one build with a cause naming the reference and both digests when the upstream is patched, the
 * cascade from a new blessed image to the jobs that augment from its family, and the webhook with good,
 * bad and missing secrets.
 */
@Tag("integration")
class UpstreamTriggerIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static TestRegistry registry;

    @TempDir
    Path home;
    @TempDir
    Path workspace;
    @TempDir
    Path builds;

    private StandInJenkins jenkins;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private ImageRef upstream;
    private TestJob blessJob;
    private UpstreamImageTrigger blessTrigger;

    @BeforeAll
    static void startRegistry() {
        registry = RealDocker.registry();
    }

    @BeforeEach
    void setUp() throws Throwable {
        jenkins = StandInJenkins.start(home);
        Workspaces.standard(workspace);
        upstream = pushUpstream("v1");
        blessJob = new TestJob("images/base-" + unique);
        bless(blessJob.newBuild(builds, "ops"));
        blessTrigger = new UpstreamImageTrigger("H/15 * * * *");
        blessTrigger.start(blessJob, true);
    }

    @AfterEach
    void tearDown() {
        blessTrigger.stop();
        jenkins.close();
    }

    /** Pushes a distinct busybox, as Debian 12 with busybox's dpkg record, to the same upstream tag: a patched upstream. */
    private ImageRef pushUpstream(String mark) {
        RootFs fs = RootFs.busybox(mark + unique).file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", 0644)
                .dir("var").dir("var/lib").dir("var/lib/dpkg").file("var/lib/dpkg/status", "Package: busybox-static\n"
                        + "Status: install ok installed\nVersion: 1:1.30.1-6+b3\nArchitecture: amd64\nSource: busybox\n", 0644);
        return RealDocker.importAndPush(fs, ImageRef.parse(registry.host() + "/upstream/trigger-" + unique + ":1"), null);
    }

    private String bless(TestRun run) throws Throwable {
        BlessImageStep bless = new BlessImageStep(upstream.withoutDigest().toString(), "blessed/Dockerfile",
                registry.host() + "/blessed/trigger-" + unique + ":1");
        bless.setContext("blessed");
        return (String) new TestStepContext(run, workspace, System.getenv()).run(bless, LIMIT).get("digest");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static UpstreamImageCause cause(List<Action> scheduled) {
        return (UpstreamImageCause) ((CauseAction) scheduled.get(0)).getCauses().get(0);
    }

    @Test
    void schedulesOnlyWhenTheUpstreamDigestChangesWithACauseNamingBothDigests() throws Exception {
        assertThat(blessTrigger.submitCheck().get()).isEmpty();
        assertThat(blessJob.standInScheduled()).as("nothing changed").isEmpty();

        ImageRef patched = pushUpstream("v2");
        assertThat(blessTrigger.submitCheck().get()).hasSize(1);

        assertThat(blessJob.standInScheduled()).hasSize(1);
        UpstreamImageCause.Change change = cause(blessJob.standInScheduled().get(0)).getChanges().get(0);
        assertThat(change.getRef()).isEqualTo(upstream.withoutDigest().toString());
        assertThat(change.getPrevious()).isEqualTo(upstream.digest().orElseThrow().toString());
        assertThat(change.getCurrent()).isEqualTo(patched.digest().orElseThrow().toString());
        assertThat(cause(blessJob.standInScheduled().get(0)).getShortDescription())
                .startsWith("Started by an upstream image change: upstream image patched " + upstream.withoutDigest());
    }

    @Test
    void aNewBlessedImageCascadesToTheJobsThatAugmentFromItsFamily() throws Throwable {
        TestJob appJob = new TestJob("apps/web-" + unique);
        String blessed = blessJob.getBuilds().get(0).getAction(io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction.class)
                .getOperations().get(0).getDigest();
        AugmentImageStep augment = new AugmentImageStep(blessed, "app/Dockerfile", registry.host() + "/apps/trigger-" + unique + ":1");
        augment.setContext("app");
        new TestStepContext(appJob.newBuild(builds, "dev"), workspace, System.getenv()).run(augment, LIMIT);
        UpstreamImageTrigger appTrigger = new UpstreamImageTrigger("H/30 * * * *");
        appTrigger.start(appJob, true);
        try {
            assertThat(appTrigger.submitCheck().get()).isEmpty();
            assertThat(appJob.standInScheduled()).as("built on the newest blessed image").isEmpty();

            upstream = pushUpstream("v3");
            String reblessed = bless(blessJob.newBuild(builds, "ops"));

            assertThat(appJob.standInScheduled()).as("the bless step cascades at once").hasSize(1);
            UpstreamImageCause.Change change = cause(appJob.standInScheduled().get(0)).getChanges().get(0);
            assertThat(change.getReason()).isEqualTo("new blessed image");
            assertThat(change.getRef()).isEqualTo(registry.host() + "/blessed/trigger-" + unique);
            assertThat(change.getPrevious()).isEqualTo(blessed);
            assertThat(change.getCurrent()).isEqualTo(reblessed);
            assertThat(blessJob.standInScheduled()).as("the blessing job does not trigger itself").isEmpty();
        } finally {
            appTrigger.stop();
        }
    }

    @Test
    void anAdvisoryWithAFixForAnImageTheJobBuiltSchedulesItOnce() throws Throwable {
        String blessed = blessJob.getBuilds().get(0).getAction(io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction.class)
                .getOperations().get(0).getDigest();
        assertThat(blessTrigger.submitCheck().get()).isEmpty();
        Path osv = Files.createDirectories(builds.resolve("osv"));
        String id = "TRIGGER-" + unique;
        Files.writeString(osv.resolve(id + ".json"), "{\"id\":\"" + id + "\",\"modified\":\"2026-11-01T00:00:00Z\",\"affected\":[{"
                + "\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"busybox\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
                + "[{\"introduced\":\"0\"},{\"fixed\":\"1:1.36.1-1\"}]}]}]}");
        assertThat(new AdvisoryOperation(ControllerCatalog.get(), Clock.systemUTC()).importAdvisories(List.of(osv), "tester").opened())
                .as("the blessed image carries busybox 1:1.30.1-6+b3").isEqualTo(1);

        assertThat(blessTrigger.submitCheck().get()).singleElement().satisfies(change -> {
            assertThat(change.reason()).isEqualTo("advisory fix available: " + id + ": busybox 1:1.30.1-6+b3 → 1:1.36.1-1");
            assertThat(change.previous()).isEqualTo(blessed);
        });
        assertThat(blessJob.standInScheduled()).hasSize(1);
        assertThat(cause(blessJob.standInScheduled().get(0)).getShortDescription())
                .isEqualTo("Started by an upstream image change: advisory fix available: " + id + ": busybox 1:1.30.1-6+b3 → 1:1.36.1-1 in "
                        + registry.host() + "/blessed/trigger-" + unique + ":1 " + blessed.substring(0, 19));

        // the rebuild answers the advisory, though its upstream does not carry the fix yet: no build loop
        upstream = pushUpstream("v5");
        String reblessed = bless(blessJob.newBuild(builds, "ops"));
        assertThat(new AdvisoryStore(ControllerCatalog.get()).findings(reblessed, true)).as("still vulnerable").hasSize(1);
        assertThat(blessTrigger.submitCheck().get()).isEmpty();
        assertThat(blessJob.standInScheduled()).hasSize(1);
    }

    @Test
    void theWebhookDemandsTheSharedSecretAndTriggersAtOnce() throws Exception {
        UpstreamWebhook webhook = new UpstreamWebhook();
        String notification = "{\"events\":[{\"id\":\"" + UUID.randomUUID() + "\",\"timestamp\":\"" + java.time.Instant.now()
                + "\",\"action\":\"push\",\"target\":{\"repository\":\"upstream/trigger-" + unique
                + "\",\"tag\":\"1\"},\"request\":{\"host\":\"" + registry.host() + "\"}}]}";

        Http.Response disabled = new Http.Response();
        webhook.doNotify(Http.request("POST").body(RegistryNotifications.MEDIA_TYPE_V1, notification).proxy(), disabled.proxy());
        assertThat(disabled.status).isEqualTo(403);
        assertThat(disabled.error).contains("no secret is configured");

        ImageLifecycleConfiguration.get().setWebhookSecret(Secret.fromString("hook-" + unique));
        ImageRef patched = pushUpstream("v4");

        Http.Response missing = new Http.Response();
        webhook.doNotify(Http.request("POST").body(RegistryNotifications.MEDIA_TYPE_V1, notification).proxy(), missing.proxy());
        assertThat(missing.status).isEqualTo(401);
        Http.Response wrong = new Http.Response();
        webhook.doNotify(Http.request("POST").header("X-Image-Lifecycle-Secret", "guess")
                .body(RegistryNotifications.MEDIA_TYPE_V1, notification).proxy(), wrong.proxy());
        assertThat(wrong.status).isEqualTo(401);
        Http.Response get = new Http.Response();
        webhook.doNotify(Http.request("GET").header("X-Image-Lifecycle-Secret", "hook-" + unique).proxy(), get.proxy());
        assertThat(get.status).isEqualTo(405);
        assertThat(blessJob.standInScheduled()).as("refused notifications trigger nothing").isEmpty();

        Http.Response good = new Http.Response();
        webhook.doNotify(Http.request("POST").header("X-Image-Lifecycle-Secret", "hook-" + unique)
                .body(RegistryNotifications.MEDIA_TYPE_V1, notification).proxy(), good.proxy());
        assertThat(good.status).isEqualTo(202);
        assertThat(Json.read(good.body()).path("pushed").get(0).asText()).isEqualTo(upstream.withoutDigest().toString());
        waitFor(() -> !blessJob.standInScheduled().isEmpty(), "the webhook's check to schedule the job");
        assertThat(blessJob.standInScheduled()).hasSize(1);
        assertThat(cause(blessJob.standInScheduled().get(0)).getChanges().get(0).getCurrent())
                .isEqualTo(patched.digest().orElseThrow().toString());

        Http.Response garbage = new Http.Response();
        webhook.doNotify(Http.request("POST").header("X-Image-Lifecycle-Secret", "hook-" + unique)
                .body(RegistryNotifications.MEDIA_TYPE_V1, "not json").proxy(), garbage.proxy());
        assertThat(garbage.status).isEqualTo(400);
    }

    @Test
    void aPrivateUpstreamIsWatchedWithTheConfiguredRegistryCredentials() throws Throwable {
        try (TestRegistry secured = TestRegistry.builder().withHtpasswd().start()) {
            var creds = secured.credentials().orElseThrow();
            CredentialsProvider.standInStore(new TestCredentials("upstream-" + unique, creds.username(), creds.password()));
            RegistryConfig registryConfig = new RegistryConfig(secured.host());
            registryConfig.setCredentialsId("upstream-" + unique);
            ImageLifecycleConfiguration.get().setRegistries(List.of(registryConfig));

            ImageRef privateBase = RealDocker.importAndPush(RootFs.busybox("p1" + unique),
                    ImageRef.parse(secured.host() + "/vendor/base-" + unique + ":1"), creds);
            TestJob job = new TestJob("images/private-" + unique);
            BlessImageStep bless = new BlessImageStep(privateBase.withoutDigest().toString(), "blessed/Dockerfile",
                    registry.host() + "/blessed/private-" + unique + ":1");
            bless.setContext("blessed");
            new TestStepContext(job.newBuild(builds, "ops"), workspace, System.getenv()).run(bless, LIMIT);
            UpstreamImageTrigger trigger = new UpstreamImageTrigger("H/5 * * * *");
            trigger.start(job, true);
            try {
                assertThat(trigger.check(null)).as("unchanged, and reachable with the configured credentials").isEmpty();
                ImageRef patched = RealDocker.importAndPush(RootFs.busybox("p2" + unique), privateBase.withoutDigest(), creds);
                assertThat(trigger.check(null)).singleElement().extracting(UpstreamChanges.Change::current)
                        .isEqualTo(patched.digest().orElseThrow().toString());
                assertThat(job.standInScheduled()).hasSize(1);
            } finally {
                trigger.stop();
            }
        }
    }
}
