package io.jenkins.plugins.imagelifecycle.plugin.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions;
import io.jenkins.plugins.imagelifecycle.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.steps.BlessImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.steps.PromoteImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.steps.RollbackImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Approvals;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Grants;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Http;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestRun;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestStepContext;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protected promotion waits for a person: approved or rejected on the build's page by a signed-in approver who holds
 * Promote, never by the Jenkinsfile's own text; through the stand-in over the real core, Docker engine and registry.
 */
@Tag("integration")
class ProtectedPromotionApprovalIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static TestRegistry registry;
    private static ImageRef base;

    @TempDir
    Path home;
    @TempDir
    Path workspace;
    @TempDir
    Path builds;

    private StandInJenkins jenkins;
    private TestJob job;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void upstream() {
        registry = RealDocker.registry();
        base = RealDocker.busyboxBase("upstream/busybox-approval:1", "approval");
    }

    @BeforeEach
    void setUp() throws Exception {
        jenkins = StandInJenkins.start(home);
        job = new TestJob("team/web");
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/hooks.yaml",
                "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: hooks\n    path: /etc/image-hooks/marker\n");
        EnvironmentConfig prod = new EnvironmentConfig("prod");
        prod.setProtectedEnvironment(true);
        prod.setApprovers("release-board\nreese");
        ImageLifecycleConfiguration.get().setEnvironments(List.of(new EnvironmentConfig("dev"), new EnvironmentConfig("qa"), prod));
        // the build runs as carol (Authorize Project), who may promote; alice, bob and mallory only look at the page
        job.grants().grant("carol", ImageLifecyclePermissions.PROMOTE).grant("alice", ImageLifecyclePermissions.PROMOTE)
                .grant("bob", ImageLifecyclePermissions.PROMOTE).grant("reese", ImageLifecyclePermissions.PROMOTE);
    }

    @AfterEach
    void tearDown() {
        jenkins.close();
    }

    private Map<String, Object> run(TestRun run, Step step) throws Throwable {
        return new TestStepContext(run, workspace, System.getenv()).run(step, LIMIT);
    }

    private String family() {
        return registry.host() + "/blessed/approval-" + unique;
    }

    /** Blessed, tested and promoted through dev and qa: ready for prod but for the approval. */
    private String readyForProd(TestRun build) throws Throwable {
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", family() + ":1");
        bless.setContext("blessed");
        bless.setTests(List.of("tests/hooks.yaml"));
        String digest = (String) run(build, bless).get("digest");
        run(build, new PromoteImageStep(digest, "dev"));
        run(build, new PromoteImageStep(digest, "qa"));
        return digest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outcome(TestStepContext context) throws Throwable {
        try {
            return (Map<String, Object>) context.outcome().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    @Test
    void aProtectedPromotionWaitsForAnApproverWhoIsSignedInHoldsPromoteAndIsNamedByTheEnvironment() throws Throwable {
        TestRun build = job.newBuild(builds, "carol");
        String digest = readyForProd(build);

        Grants.actAs("carol");
        PromoteImageStep toProd = new PromoteImageStep(digest, "prod");
        toProd.setApprover("anyone");
        TestStepContext step = new TestStepContext(build, workspace, System.getenv());
        step.start(toProd);
        PromotionApproval asked = Approvals.awaitAsked(build, step, LIMIT);
        assertThat(asked.getEnvironment()).isEqualTo("prod");
        assertThat(asked.getDigest()).isEqualTo(digest);
        assertThat(asked.getApprovers()).isEqualTo("release-board, reese");
        assertThat(step.log()).contains("approver: 'anyone' is not read in Jenkins")
                .contains("Waiting for approval to promote").contains("job/team/job/web/1/" + PromotionApprovalAction.URL_NAME + "/");
        assertThat(build.getAction(PromotionApprovalAction.class).getIconFileName()).as("shown in the build's side panel").isNotNull();

        Http.Response anonymous = Approvals.decide(build, asked, true, null, null);
        assertThat(anonymous.status).isEqualTo(403);
        assertThat(anonymous.error).contains("needs a signed-in user");
        Http.Response mallory = Approvals.decide(build, asked, true, null, "mallory", "release-board");
        assertThat(mallory.status).isEqualTo(403);
        assertThat(mallory.error).isEqualTo("mallory lacks the Image Lifecycle/Promote permission on team/web, which approving a "
                + "promotion into prod needs");
        Http.Response bob = Approvals.decide(build, asked, true, null, "bob", "developers");
        assertThat(bob.status).isEqualTo(403);
        assertThat(bob.error).isEqualTo("bob is not one of the approvers of prod (release-board, reese); expected one of those users"
                + " or a member of one of those groups");
        Http.Response notPost = new Http.Response();
        build.getAction(PromotionApprovalAction.class).doApprove(Http.request("GET").param("id", asked.getId()).proxy(), notPost.proxy());
        assertThat(notPost.status).isEqualTo(405);
        assertThat(asked.isWaiting()).isTrue();
        assertThat(step.outcome()).isNotDone();
        assertThat(ControllerCatalog.get().current("prod", family())).as("nothing placed while it waits").isEmpty();

        Http.Response alice = Approvals.decide(build, asked, true, "change CHG-42", "alice", "release-board");
        assertThat(alice.status).isEqualTo(200);
        assertThat(Json.read(alice.body()).path("by").asText()).isEqualTo("alice");
        assertThat(outcome(step)).containsEntry("environment", "prod").containsEntry("digest", digest);
        assertThat(step.log()).contains("Approved by alice: change CHG-42");

        Placement placed = ControllerCatalog.get().placements(digest).stream().filter(p -> p.environment().equals("prod")).findFirst()
                .orElseThrow();
        assertThat(placed.approver()).isEqualTo("alice");
        assertThat(placed.approval()).isEqualTo(Placement.AUTHENTICATED);
        List<LifecycleEvent> history = ControllerCatalog.get().history(digest);
        LifecycleEvent promoted = history.get(history.size() - 1);
        assertThat(promoted.action()).isEqualTo("promote");
        assertThat(Json.read(promoted.details()).path("approver").asText()).isEqualTo("alice");
        assertThat(Json.read(promoted.details()).path("approval").asText()).isEqualTo("authenticated");
        assertThat(asked.getState()).isEqualTo(PromotionApproval.State.APPROVED);
        assertThat(asked.getDecidedBy()).isEqualTo("alice");
        assertThat(Approvals.decide(build, asked, false, null, "reese").status).as("decided once").isEqualTo(409);

        // a rollback into a protected environment waits for a person too: reese approves by user id
        TestRun second = job.newBuild(builds, "carol");
        String next = readyForProd(second);
        Approvals.runApproved(second, new TestStepContext(second, workspace, System.getenv()), new PromoteImageStep(next, "prod"), LIMIT,
                "reese");
        RollbackImageStep rollback = new RollbackImageStep("prod");
        rollback.setImage(next);
        assertThat(Approvals.runApproved(second, new TestStepContext(second, workspace, System.getenv()), rollback, LIMIT, "reese"))
                .containsEntry("digest", digest);
        assertThat(ControllerCatalog.get().current("prod", family())).contains(digest);
    }

    @Test
    void aRejectedOrAbandonedPromotionPlacesNothingAndTheRejectionIsOnRecord() throws Throwable {
        TestRun build = job.newBuild(builds, "carol");
        String digest = readyForProd(build);
        Grants.actAs("carol");

        TestStepContext rejected = new TestStepContext(build, workspace, System.getenv());
        rejected.start(new PromoteImageStep(digest, "prod"));
        PromotionApproval asked = Approvals.awaitAsked(build, rejected, LIMIT);
        assertThat(Approvals.decide(build, asked, false, "not during the freeze", "alice", "release-board").status).isEqualTo(200);
        assertThatThrownBy(() -> outcome(rejected)).isExactlyInstanceOf(AbortException.class)
                .hasMessage("The promotion of " + family() + ":1 into prod was rejected by alice: not during the freeze");
        assertThat(ControllerCatalog.get().current("prod", family())).isEmpty();
        List<LifecycleEvent> history = ControllerCatalog.get().history(digest);
        LifecycleEvent last = history.get(history.size() - 1);
        assertThat(last.action()).isEqualTo(ApprovalGate.REJECTED_ACTION);
        assertThat(last.actor()).isEqualTo("alice");
        assertThat(last.reason()).isEqualTo("promotion into prod rejected: not during the freeze");

        TestStepContext stopped = new TestStepContext(build, workspace, System.getenv());
        StepExecution execution = stopped.start(new PromoteImageStep(digest, "prod"));
        PromotionApproval abandoned = Approvals.awaitAsked(build, stopped, LIMIT);
        execution.stop(new InterruptedException("aborted by carol"));
        Approvals.awaitState(abandoned, PromotionApproval.State.ABANDONED, LIMIT);
        assertThat(abandoned.getComment()).isEqualTo("the build was stopped while it waited");
        assertThat(Approvals.decide(build, abandoned, true, null, "alice", "release-board").status).isEqualTo(409);
        assertThat(ControllerCatalog.get().current("prod", family())).isEmpty();
    }

    @Test
    void theGatesAreCheckedBeforeAnyoneIsAskedToApprove() throws Throwable {
        TestRun build = job.newBuild(builds, "carol");
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", family() + ":1");
        bless.setContext("blessed");
        bless.setTests(List.of("tests/hooks.yaml"));
        String digest = (String) run(build, bless).get("digest");
        run(build, new PromoteImageStep(digest, "dev"));

        Grants.actAs("carol");
        assertThatThrownBy(() -> run(build, new PromoteImageStep(digest, "prod"))).isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("has not been in qa, which comes before prod");
        assertThat(build.getAction(PromotionApprovalAction.class)).as("no one was asked").isNull();
    }
}
