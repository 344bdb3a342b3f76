package io.jenkins.plugins.imagelifecycle.plugin.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction;
import io.jenkins.plugins.imagelifecycle.plugin.steps.AugmentImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.steps.BlessImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.steps.PromoteImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.steps.RetireImageStep;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
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
import io.jenkins.plugins.imagelifecycle.view.LifecycleView;
import io.jenkins.plugins.imagelifecycle.view.ViewPage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may promote into protected environments and retire, and what the root, job and run pages show,
 * through the stand-in over the real core, Docker engine and registry.
 */
@Tag("integration")
class PermissionsAndPagesIT {
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
        base = RealDocker.busyboxBase("upstream/busybox-pages:1", "pages");
    }

    @BeforeEach
    void setUp() throws Exception {
        jenkins = StandInJenkins.start(home);
        job = new TestJob("team/web");
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/hooks.yaml",
                "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: hooks\n    path: /etc/image-hooks/marker\n");
    }

    @AfterEach
    void tearDown() {
        jenkins.close();
    }

    private Map<String, Object> run(TestRun run, org.jenkinsci.plugins.workflow.steps.Step step) throws Throwable {
        return new TestStepContext(run, workspace, System.getenv()).run(step, LIMIT);
    }

    /** A protected promotion: started as the thread is, approved on the build's page by a release manager. */
    private Map<String, Object> runApproved(TestRun run, org.jenkinsci.plugins.workflow.steps.Step step) throws Throwable {
        job.grants().grant("release-manager", ImageLifecyclePermissions.PROMOTE);
        return io.jenkins.plugins.imagelifecycle.plugin.testing.Approvals.runApproved(run, new TestStepContext(run, workspace, System.getenv()),
                step, LIMIT, "release-manager");
    }

    private String blessTested(TestRun run) throws Throwable {
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile",
                registry.host() + "/blessed/pages-" + unique + ":1");
        bless.setContext("blessed");
        bless.setTests(List.of("tests/hooks.yaml"));
        return (String) run(run, bless).get("digest");
    }

    @Test
    void promotingIntoAProtectedEnvironmentNeedsThePromotePermission() throws Throwable {
        TestRun build = job.newBuild(builds, "carol");
        String digest = blessTested(build);
        run(build, new PromoteImageStep(digest, "dev"));
        run(build, new PromoteImageStep(digest, "qa"));

        Grants.actAs("carol");
        PromoteImageStep toProd = new PromoteImageStep(digest, "prod");
        toProd.setApprover("release-board");
        assertThatThrownBy(() -> run(build, toProd)).isExactlyInstanceOf(AbortException.class)
                .hasMessage("carol lacks the Image Lifecycle/Promote permission on team/web, which promoting into protected "
                        + "environment 'prod' needs");
        assertThat(ControllerCatalog.get().current("prod", registry.host() + "/blessed/pages-" + unique)).isEmpty();

        job.grants().grant("carol", ImageLifecyclePermissions.PROMOTE);
        Map<String, Object> promoted = runApproved(build, toProd);
        assertThat(promoted).containsEntry("environment", "prod").containsEntry("digest", digest);
    }

    @Test
    void aBuildRunningAsSystemMayNotPromoteIntoAProtectedEnvironmentOrRetireUnlessTheAdministratorSaysSo() throws Throwable {
        TestRun build = job.newBuild(builds, "mallory");
        String digest = blessTested(build);
        run(build, new PromoteImageStep(digest, "dev"));
        run(build, new PromoteImageStep(digest, "qa"));

        Grants.actAsSystem();
        PromoteImageStep toProd = new PromoteImageStep(digest, "prod");
        toProd.setApprover("anyone");
        assertThatThrownBy(() -> run(build, toProd)).isExactlyInstanceOf(AbortException.class)
                .hasMessageStartingWith("This build runs as SYSTEM, and builds running as SYSTEM may not do what promoting into "
                        + "protected environment 'prod' needs").hasMessageContaining("Authorize Project")
                .hasMessageContaining("systemBuildsMayPromoteAndRetire");
        RetireImageStep retire = new RetireImageStep(digest);
        retire.setReason("because I can");
        assertThatThrownBy(() -> run(build, retire)).isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("may not do what retiring " + digest + " needs");
        assertThat(ControllerCatalog.get().current("prod", registry.host() + "/blessed/pages-" + unique)).isEmpty();
        assertThat(ControllerCatalog.get().require(digest).stage()).isEqualTo(Stage.TESTED);

        ImageLifecycleConfiguration.get().setSystemBuildsMayPromoteAndRetire(true);
        assertThat(runApproved(build, toProd)).as("the opt-in lets the build ask; a person still approves").containsEntry("environment", "prod");
    }

    @Test
    void aTestRunFromAnotherJobDoesNotOpenAProtectedEnvironmentUnlessThatJobIsATrustedTester() throws Throwable {
        TestRun build = job.newBuild(builds, "carol");
        BlessImageStep untested = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile",
                registry.host() + "/blessed/untested-" + unique + ":1");
        untested.setContext("blessed");
        String digest = (String) run(build, untested).get("digest");
        TestJob other = new TestJob("other/pipeline");
        TestRun foreign = other.newBuild(builds, "mallory");
        assertThat(run(foreign, new io.jenkins.plugins.imagelifecycle.plugin.steps.TestImageStep(digest, List.of("tests/hooks.yaml"))))
                .containsEntry("stage", "tested");
        run(build, new PromoteImageStep(digest, "dev"));
        run(build, new PromoteImageStep(digest, "qa"));

        Grants.actAs("carol");
        job.grants().grant("carol", ImageLifecyclePermissions.PROMOTE);
        PromoteImageStep toProd = new PromoteImageStep(digest, "prod");
        toProd.setApprover("release-board");
        assertThatThrownBy(() -> run(build, toProd)).isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("was tested only by mallory via other/pipeline#")
                .hasMessageContaining("not by team/web that built it");
        assertThat(ControllerCatalog.get().current("prod", registry.host() + "/blessed/untested-" + unique)).isEmpty();

        var prod = new io.jenkins.plugins.imagelifecycle.plugin.config.EnvironmentConfig("prod");
        prod.setProtectedEnvironment(true);
        prod.setTrustedTesters("other/");
        ImageLifecycleConfiguration.get().setEnvironments(List.of(new io.jenkins.plugins.imagelifecycle.plugin.config.EnvironmentConfig("dev"),
                new io.jenkins.plugins.imagelifecycle.plugin.config.EnvironmentConfig("qa"), prod));
        assertThat(runApproved(build, toProd)).containsEntry("environment", "prod");
    }

    @Test
    void retiringNeedsTheRetirePermissionInStepsAndPages() throws Throwable {
        TestRun build = job.newBuild(builds, "dave");
        String digest = blessTested(build);

        Grants.actAs("dave");
        RetireImageStep retire = new RetireImageStep(digest);
        retire.setReason("superseded");
        assertThatThrownBy(() -> run(build, retire)).isExactlyInstanceOf(AbortException.class)
                .hasMessage("dave lacks the Image Lifecycle/Retire permission on team/web, which retiring " + digest + " needs");
        assertThat(ControllerCatalog.get().require(digest).stage()).isEqualTo(Stage.TESTED);

        ImageLifecycleRootAction root = new ImageLifecycleRootAction();
        Http.Response get = new Http.Response();
        root.doRetire(Http.request("GET").param("image", digest).param("reason", "x").proxy(), get.proxy());
        assertThat(get.status).isEqualTo(405);
        assertThatThrownBy(() -> root.doRetire(Http.request("POST").param("image", digest).param("reason", "x").proxy(),
                new Http.Response().proxy())).isInstanceOf(AccessDeniedException.class);
        assertThat(ControllerCatalog.get().require(digest).stage()).isEqualTo(Stage.TESTED);

        jenkins.grants().grant("dave", ImageLifecyclePermissions.RETIRE);
        Http.Response missing = new Http.Response();
        root.doRetire(Http.request("POST").param("reason", "x").proxy(), missing.proxy());
        assertThat(missing.status).isEqualTo(400);
        assertThat(missing.error).contains("Parameter 'image' is missing");

        Http.Response ok = new Http.Response();
        root.doRetire(Http.request("POST").param("image", digest).param("reason", "CVE-2026-0001").proxy(), ok.proxy());
        assertThat(ok.status).isEqualTo(200);
        assertThat(Json.read(ok.body()).path("retired").get(0).asText()).isEqualTo(digest);
        assertThat(ControllerCatalog.get().require(digest).stage()).isEqualTo(Stage.RETIRED);
        assertThat(ControllerCatalog.get().history(digest).get(ControllerCatalog.get().history(digest).size() - 1).actor())
                .isEqualTo("dave");
    }

    @Test
    void retiringAndPromotingNeedThePermissionOnTheJobThatBuiltEachImageNotOnlyOnTheRunningOne() throws Throwable {
        TestRun ours = job.newBuild(builds, "dave");
        String blessed = blessTested(ours);
        TestJob otherTeam = new TestJob("other-team/app");
        AugmentImageStep augment = new AugmentImageStep(blessed, "app/Dockerfile", registry.host() + "/apps/theirs-" + unique + ":1");
        augment.setContext("app");
        augment.setTests(List.of());
        String theirs = (String) run(otherTeam.newBuild(builds, "erin"), augment).get("digest");
        job.grants().grant("dave", ImageLifecyclePermissions.RETIRE, ImageLifecyclePermissions.PROMOTE);

        Grants.actAs("dave");
        TestRun daves = job.newBuild(builds, "dave");
        RetireImageStep cascade = new RetireImageStep(blessed);
        cascade.setReason("base patched");
        cascade.setCascade(true);
        assertThatThrownBy(() -> run(daves, cascade)).isExactlyInstanceOf(AbortException.class)
                .hasMessage("dave lacks the Image Lifecycle/Retire permission on other-team/app, which built " + theirs + "; retiring "
                        + blessed + " with its descendants needs it");
        RetireImageStep retireTheirs = new RetireImageStep(theirs);
        retireTheirs.setReason("not mine");
        assertThatThrownBy(() -> run(daves, retireTheirs)).isExactlyInstanceOf(AbortException.class)
                .hasMessage("dave lacks the Image Lifecycle/Retire permission on other-team/app, which built " + theirs + "; retiring "
                        + theirs + " needs it");
        assertThat(ControllerCatalog.get().require(blessed).stage()).isEqualTo(Stage.TESTED);
        assertThat(ControllerCatalog.get().require(theirs).stage()).as("nothing retired").isEqualTo(Stage.BUILT);

        Grants.actAsSystem();
        for (String env : List.of("dev", "qa")) {
            PromoteImageStep promote = new PromoteImageStep(theirs, env);
            promote.setWaiveTests("smoke-tested by hand");
            run(daves, promote);
        }
        Grants.actAs("dave");
        PromoteImageStep theirsToProd = new PromoteImageStep(theirs, "prod");
        theirsToProd.setWaiveTests("smoke-tested by hand");
        assertThatThrownBy(() -> run(daves, theirsToProd)).isExactlyInstanceOf(AbortException.class)
                .hasMessage("dave lacks the Image Lifecycle/Promote permission on other-team/app, which built " + theirs
                        + "; promoting into protected environment 'prod' needs it");
        assertThat(daves.getAction(io.jenkins.plugins.imagelifecycle.plugin.approval.PromotionApprovalAction.class))
                .as("refused before anyone is asked").isNull();

        RetireImageStep own = new RetireImageStep(blessed);
        own.setReason("base patched");
        assertThat(run(daves, own)).containsEntry("stage", "retired");
        assertThat(ControllerCatalog.get().require(theirs).stage()).as("their image stays, outdated").isEqualTo(Stage.BUILT);
    }

    /** A page's {@code history} web method, as Stapler calls it. */
    @FunctionalInterface
    private interface WebMethod {
        void call(org.kohsuke.stapler.StaplerRequest2 req, org.kohsuke.stapler.StaplerResponse2 rsp) throws Exception;
    }

    private static Http.Response history(WebMethod method, String digest) throws Exception {
        Http.Response response = new Http.Response();
        method.call(Http.request("GET").param("digest", digest).proxy(), response.proxy());
        return response;
    }

    @Test
    void theJobRootAndRunPagesShowWhereEachImageStands() throws Throwable {
        TestRun first = job.newBuild(builds, "erin");
        String blessed = blessTested(first);
        TestRun second = job.newBuild(builds, "erin");
        AugmentImageStep augment = new AugmentImageStep(blessed, "app/Dockerfile", registry.host() + "/apps/pages-" + unique + ":1");
        augment.setContext("app");
        augment.setTests(List.of());
        String app = (String) run(second, augment).get("digest");
        run(second, new PromoteImageStep(blessed, "dev"));
        // these builds run as SYSTEM: retiring needs the administrator's opt-in
        ImageLifecycleConfiguration.get().setSystemBuildsMayPromoteAndRetire(true);
        RetireImageStep retire = new RetireImageStep(blessed);
        retire.setReason("base patched");
        TestRun third = job.newBuild(builds, "erin");
        run(third, retire);

        ImageLifecycleJobAction jobAction = new ImageLifecycleJobAction(job);
        List<JobImage> images = jobAction.getImages();
        assertThat(images).extracting(JobImage::digest).containsExactly(app, blessed);
        JobImage appImage = images.get(0);
        assertThat(appImage.operation()).isEqualTo("augment");
        assertThat(appImage.stage()).isEqualTo("built");
        assertThat(appImage.outdated()).isTrue();
        assertThat(appImage.outdatedReason()).isEqualTo("parent retired: " + blessed);
        assertThat(appImage.madeByBuild()).isEqualTo(2);
        assertThat(appImage.madeByUrl()).isEqualTo("job/team/job/web/2/");
        JobImage blessedImage = images.get(1);
        assertThat(blessedImage.stage()).isEqualTo("retired");
        assertThat(blessedImage.environments()).as("withdrawn from dev when it was retired there").isEmpty();
        assertThat(blessedImage.promotedBy()).containsExactly("team/web#2 → dev");
        assertThat(blessedImage.madeByBuild()).isEqualTo(1);

        Http.Response rootData = new Http.Response();
        new ImageLifecycleRootAction().doData(Http.request("GET").proxy(), rootData.proxy());
        JsonNode all = Json.read(rootData.body());
        assertThat(all.path("schema").asText()).isEqualTo(LifecycleView.SCHEMA);
        assertThat(rootData.body()).contains(blessed).contains(app);

        assertThat(all.path("images")).as("histories are served one image at a time").isNotEmpty()
                .allSatisfy(i -> assertThat(i.has("history")).isFalse());

        Http.Response runData = new Http.Response();
        first.getAction(ImageLifecycleRunAction.class).doData(Http.request("GET").proxy(), runData.proxy());
        assertThat(runData.body()).contains(blessed).doesNotContain(app);

        Http.Response rootHistory = history(new ImageLifecycleRootAction()::doHistory, blessed);
        assertThat(rootHistory.status).isEqualTo(200);
        JsonNode blessedHistory = Json.read(rootHistory.body());
        assertThat(blessedHistory.path("schema").asText()).isEqualTo(LifecycleView.HISTORY_SCHEMA);
        assertThat(blessedHistory.path("digest").asText()).isEqualTo(blessed);
        assertThat(blessedHistory.path("history")).extracting(e -> e.path("action").asText()).contains("bless", "promote", "retire");
        assertThat(blessedHistory.path("history")).extracting(e -> e.path("reason").asText()).contains("base patched");
        assertThat(history(new ImageLifecycleRootAction()::doHistory, app).status).isEqualTo(200);
        assertThat(history(jobAction::doHistory, app).status).isEqualTo(200);
        assertThat(history(jobAction::doHistory, blessed).status).isEqualTo(200);
        ImageLifecycleRunAction firstRun = first.getAction(ImageLifecycleRunAction.class);
        assertThat(history(firstRun::doHistory, blessed).status).isEqualTo(200);
        Http.Response notOnThatPage = history(firstRun::doHistory, app);
        assertThat(notOnThatPage.status).as("the first run's view does not show the app built later").isEqualTo(404);
        assertThat(notOnThatPage.error).isEqualTo("Image '" + app + "' is not shown on this page; expected the digest of an image its view shows");
        assertThat(notOnThatPage.body()).isEmpty();
        assertThat(history(second.getAction(ImageLifecycleRunAction.class)::doHistory, blessed).status)
                .as("an ancestor of the second run's app, on its page").isEqualTo(200);
        Http.Response bad = history(new ImageLifecycleRootAction()::doHistory, "sha256:12ab");
        assertThat(bad.status).isEqualTo(400);
        assertThat(bad.error).isEqualTo("Digest 'sha256:12ab' has 4 hex characters; sha256 needs 64");
        Http.Response missing = new Http.Response();
        new ImageLifecycleRootAction().doHistory(Http.request("GET").proxy(), missing.proxy());
        assertThat(missing.status).isEqualTo(400);

        Http.Response page = new Http.Response();
        new ImageLifecycleRootAction().doIndex(Http.request("GET").proxy(), page.proxy());
        assertThat(page.headers).containsEntry("Content-Security-Policy", ViewPage.SERVED_CSP);
        assertThat(page.body()).contains("data-src=\"data\"").contains("data-history-src=\"history\"").contains(ViewPage.JS);
        Http.Response script = new Http.Response();
        new ImageLifecycleRootAction().doDynamic(Http.request("GET").path("/app.js").proxy(), script.proxy());
        assertThat(script.headers.get("Content-Type")).contains("javascript");
        assertThat(script.body()).isNotEmpty();
        Http.Response other = new Http.Response();
        new ImageLifecycleRootAction().doDynamic(Http.request("GET").path("/../../secrets").proxy(), other.proxy());
        assertThat(other.status).isEqualTo(404);

        jenkins.grants().grant("reader", StandInJenkins.READ);
        Grants.actAs("reader");
        assertThatThrownBy(() -> new ImageLifecycleRootAction().doData(Http.request("GET").proxy(), new Http.Response().proxy()))
                .as("Overall/Read alone does not show every job's images").isInstanceOf(AccessDeniedException.class);
        assertThat(new ImageLifecycleRootAction().getIconFileName()).as("no link either").isNull();
        ImageLifecycleRunAction runAction = first.getAction(ImageLifecycleRunAction.class);
        assertThatThrownBy(() -> runAction.doData(Http.request("GET").proxy(), new Http.Response().proxy()))
                .as("the run's view shows ancestors from other jobs: Item/Read is not enough").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> runAction.doView(Http.request("GET").proxy(), new Http.Response().proxy()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(runAction::getApi).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> jobAction.doData(Http.request("GET").proxy(), new Http.Response().proxy()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> history(new ImageLifecycleRootAction()::doHistory, blessed))
                .as("a history needs what the data needs").isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> history(runAction::doHistory, blessed)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> history(jobAction::doHistory, blessed)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> jobAction.doView(Http.request("GET").proxy(), new Http.Response().proxy()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(jobAction::getApi).isInstanceOf(AccessDeniedException.class);
        assertThat(jobAction.isViewAllowed()).as("the job page hides the links").isFalse();
        assertThat(jobAction.getImages()).as("the job's own images stay on its page").extracting(JobImage::digest).contains(blessed);

        jenkins.grants().grant("reader", ImageLifecyclePermissions.VIEW);
        Http.Response allowed = new Http.Response();
        new ImageLifecycleRootAction().doData(Http.request("GET").proxy(), allowed.proxy());
        assertThat(allowed.body()).contains(blessed);
        Http.Response runAllowed = new Http.Response();
        runAction.doData(Http.request("GET").proxy(), runAllowed.proxy());
        assertThat(runAllowed.body()).contains(blessed);
        assertThat(history(runAction::doHistory, blessed).body()).contains("base patched");
        assertThat(history(jobAction::doHistory, app).status).isEqualTo(200);
        assertThat(jobAction.getApi()).isNotNull();
        assertThat(runAction.isViewAllowed()).isTrue();
    }
}
