package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.JobCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.config.RegistryConfig;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.TinyImages;
import io.jenkins.plugins.imagelifecycle.testing.TokenGuardedFront;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamChanges;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger reaches a private upstream with the credentials the job's builds may use, and with no others:
 * System-scoped registry credentials stay out of its reach (a patch goes unseen, and the system log says
 * why), Global ones are used; a job whose builds run as a user (Authorize Project) gets them only when that
 * user holds Credentials/UseItem on the job. A real htpasswd registry each time. And an upstream on a registry
 * the configuration does not list is not contacted from the controller at all, with the reason in the log.
 */
@Tag("integration")
class TriggerCredentialsIT {
    private static TestRegistry secured;
    private static RegistryCredentials robot;

    @TempDir
    Path home;

    private StandInJenkins jenkins;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** Held here: a logger nobody references may be collected, handler and all. */
    private final Logger jobCredentialsLog = Logger.getLogger(JobCredentials.class.getName());
    private final Logger triggerLog = Logger.getLogger(UpstreamImageTrigger.class.getName());
    private ImageRef upstream;

    @BeforeAll
    static void startRegistry() {
        secured = TestRegistry.builder().withHtpasswd().start();
        robot = secured.credentials().orElseThrow();
    }

    @AfterAll
    static void stopRegistry() {
        secured.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        jenkins = StandInJenkins.start(home);
        jobCredentialsLog.addHandler(capture);
        triggerLog.addHandler(capture);
        upstream = ImageRef.parse(secured.host() + "/vendor/base-" + unique + ":1");
        Digest built = push("v1");
        new SyntheticImages(ControllerCatalog.get(), secured.host())
                .blessed("blessed/base-" + unique + ":1", upstream.toString(), built.toString(), Instant.now());
        RegistryConfig registryConfig = new RegistryConfig(secured.host());
        registryConfig.setCredentialsId("vendor-" + unique);
        ImageLifecycleConfiguration.get().setRegistries(List.of(registryConfig));
    }

    @AfterEach
    void tearDown() {
        jobCredentialsLog.removeHandler(capture);
        triggerLog.removeHandler(capture);
        jenkins.close();
    }

    private Digest push(String mark) {
        return TinyImages.push(secured.client(), upstream, mark + unique);
    }

    private List<UpstreamChanges.Change> checkAfterPatch(TestJob job, String mark) {
        UpstreamImageTrigger trigger = new UpstreamImageTrigger("H/15 * * * *");
        trigger.setReferences(upstream.toString());
        trigger.start(job, true);
        try {
            push(mark);
            return trigger.check(null);
        } finally {
            trigger.stop();
        }
    }

    @Test
    void systemScopedRegistryCredentialsAreNotUsedForTheJob() {
        CredentialsProvider.standInStore(new TestCredentials("vendor-" + unique, robot.username(), robot.password(), CredentialsScope.SYSTEM));
        TestJob job = new TestJob("images/base-" + unique);

        assertThat(checkAfterPatch(job, "v2")).as("the registry refuses the anonymous check: the patch is not seen").isEmpty();
        assertThat(job.standInScheduled()).isEmpty();
        assertThat(logged).contains("Registry " + secured.host() + ": credentials 'vendor-" + unique + "' are not visible to "
                + job.getFullName() + "'s builds (missing, System scope, or not usable by the user its builds run as); its upstream "
                + "trigger checks that registry without them");
        assertThat(logged).as("the registry really asked for credentials the check did not have").contains("Upstream image check of "
                + job.getFullName() + ": " + upstream + " could not be checked: Registry " + secured.host()
                + " requires credentials (Basic authentication) and none are configured for it");
    }

    @Test
    void anUpstreamOnARegistryTheConfigurationDoesNotListIsNotContactedAndTheLogSaysWhy() {
        try (TokenGuardedFront unlisted = TokenGuardedFront.of(secured.host())) {
            ImageRef elsewhere = ImageRef.parse(unlisted.host() + "/vendor/other-" + unique + ":1");
            new SyntheticImages(ControllerCatalog.get(), secured.host()).blessed("blessed/other-" + unique + ":1", elsewhere.toString(),
                    "sha256:" + "0".repeat(64), Instant.now());
            TestJob job = new TestJob("images/other-" + unique);
            UpstreamImageTrigger trigger = new UpstreamImageTrigger("H/15 * * * *");
            trigger.setReferences(elsewhere.toString());
            trigger.start(job, true);
            try {
                assertThat(trigger.check(null)).isEmpty();
            } finally {
                trigger.stop();
            }
            assertThat(unlisted.requests()).as("the controller sent nothing to the unlisted registry").isZero();
            assertThat(logged).anySatisfy(line -> assertThat(line).isEqualTo("Upstream image check of " + job.getFullName() + ": "
                    + elsewhere + " could not be checked: Registry " + unlisted.host() + " is not one of the configured registries ("
                    + secured.host() + "), which are the only ones the controller contacts; refused to resolve " + elsewhere
                    + " (list it in the configuration's registries, or do it on an agent)"));
        }
    }

    @Test
    void globalRegistryCredentialsVisibleToTheJobsBuildsAreUsed() {
        CredentialsProvider.standInStore(new TestCredentials("vendor-" + unique, robot.username(), robot.password()));
        TestJob job = new TestJob("images/base-" + unique);

        assertThat(checkAfterPatch(job, "v2")).singleElement().extracting(UpstreamChanges.Change::reason).isEqualTo("upstream image patched");
        assertThat(job.standInScheduled()).hasSize(1);
    }

    @Test
    void aJobWhoseBuildsRunAsAUserGetsTheCredentialsOnlyWithUseItem() {
        CredentialsProvider.standInStore(new TestCredentials("vendor-" + unique, robot.username(), robot.password()));
        TestJob job = new TestJob("team/base-" + unique).buildsRunAs("carol");

        assertThat(checkAfterPatch(job, "v2")).as("carol may not use the job's credentials").isEmpty();
        assertThat(job.standInScheduled()).isEmpty();

        job.grants().grant("carol", CredentialsProvider.USE_ITEM);
        assertThat(checkAfterPatch(job, "v3")).hasSize(1);
        assertThat(job.standInScheduled()).hasSize(1);
    }
}
