package io.jenkins.plugins.imagelifecycle.plugin.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Http;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageOperation;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestRun;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestStepContext;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Files;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import io.jenkins.plugins.imagelifecycle.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestSecretFile;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestSecretText;
import io.jenkins.plugins.imagelifecycle.signing.ImageSignatures;
import io.jenkins.plugins.imagelifecycle.signing.Passphrase;
import io.jenkins.plugins.imagelifecycle.signing.SignatureVerification;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/**
 * The six steps through the stand-in Pipeline context, over the real core, Docker engine and registry:
 * what each returns, what the catalog and the run action hold afterwards.
 */
@Tag("integration")
class StepsIT {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static TestRegistry registry;
    private static ImageRef base;

    @TempDir
    Path home;
    @TempDir
    Path workspace;
    @TempDir
    Path runDir;

    private StandInJenkins jenkins;
    private TestRun run;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void upstream() {
        registry = RealDocker.registry();
        base = RealDocker.busyboxBase("upstream/busybox-steps:1", "steps");
    }

    @BeforeEach
    void setUp() throws Exception {
        jenkins = StandInJenkins.start(home);
        run = new TestRun(new TestJob("team/app"), 7, runDir.toFile(), "alice");
        Workspaces.standard(workspace);
        Workspaces.write(workspace, "tests/hooks.yaml", """
                schemaVersion: '2.0.0'
                fileExistenceTests:
                  - name: hooks marker
                    path: /etc/image-hooks/marker
                """);
        Workspaces.write(workspace, "tests/broken.yaml", """
                schemaVersion: '2.0.0'
                fileExistenceTests:
                  - name: missing file
                    path: /no/such/file
                """);
    }

    @AfterEach
    void tearDown() {
        jenkins.close();
    }

    private TestStepContext context() {
        return new TestStepContext(run, workspace, System.getenv());
    }

    private String target(String repo) {
        return registry.host() + "/" + repo + "-" + unique + ":1";
    }

    private Catalog catalog() {
        return ControllerCatalog.get();
    }

    @Test
    void theWholeLifecycleThroughTheStepsReturnsMapsAndRecordsEveryOperation() throws Throwable {
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/steps"));
        bless.setContext("blessed");
        bless.setTests(List.of("tests/hooks.yaml"));
        Map<String, Object> blessed = context().run(bless, LIMIT);

        assertThat(blessed).containsEntry("ref", target("blessed/steps")).containsEntry("role", "blessed")
                .containsEntry("stage", "tested").containsEntry("base", base.withoutDigest().toString())
                .containsEntry("baseDigest", base.digest().orElseThrow().toString()).containsEntry("tests", "PASSED");
        String blessedDigest = (String) blessed.get("digest");
        assertThat(registry.client().resolve(ImageRef.parse(target("blessed/steps"))).toString()).isEqualTo(blessedDigest);
        assertThat(catalog().require(blessedDigest).builtBy()).isEqualTo("alice via team/app#7");

        AugmentImageStep augment = new AugmentImageStep(blessedDigest, "app/Dockerfile", target("app/steps"));
        augment.setContext("app");
        augment.setBuildArgs(List.of("APP_VERSION=2.1"));
        Map<String, Object> augmented = context().run(augment, LIMIT);
        String appDigest = (String) augmented.get("digest");
        assertThat(augmented).containsEntry("role", "augmented").containsEntry("parent", blessedDigest)
                .containsEntry("stage", "built").containsEntry("releaseNotes", null);
        assertThat((String) augmented.get("sbom")).as("the SBOM attestation's digest").startsWith("sha256:");
        assertThat(new AttestationStore(registry.client()).list(ImageRef.parse(target("app/steps")).withoutDigest(),
                Digest.parse(appDigest))).extracting(AttestationStore.Attestation::digest, AttestationStore.Attestation::predicateType)
                .contains(org.assertj.core.groups.Tuple.tuple(Digest.parse((String) augmented.get("sbom")), "https://cyclonedx.org/bom"));

        // the next version of the application: its release notes against this one, in the workspace and on the run page
        AugmentImageStep next = new AugmentImageStep(blessedDigest, "app/Dockerfile", target("app/steps").replaceFirst(":1$", ":2"));
        next.setContext("app");
        next.setBuildArgs(List.of("APP_VERSION=2.2"));
        Map<String, Object> nextVersion = context().run(next, LIMIT);
        Path notesFile = Path.of((String) nextVersion.get("releaseNotes"));
        assertThat(notesFile).startsWith(workspace.resolve("image-lifecycle")).content()
                .contains("# Release notes: `" + target("app/steps").replaceFirst(":1$", ":2") + "`")
                .contains("changed `/app/VERSION`");
        String nextDigest = (String) nextVersion.get("digest");
        assertThat(run.getAction(ImageLifecycleRunAction.class).releaseNotesOf(nextDigest)).isEqualTo(Files.readString(notesFile));
        assertThat(catalog().history(nextDigest)).extracting(e -> e.action()).containsSubsequence("augment", "contents", "sbom");

        TestImageStep test = new TestImageStep(appDigest, List.of("tests/hooks.yaml"));
        test.setJunit("reports/app-image.xml");
        Map<String, Object> tested = context().run(test, LIMIT);
        assertThat(tested).containsEntry("result", "PASSED").containsEntry("passed", 1).containsEntry("failed", 0)
                .containsEntry("stage", "tested");
        assertThat(workspace.resolve("reports/app-image.xml")).content().contains("<testsuite").contains("hooks marker");

        Map<String, Object> promoted = context().run(new PromoteImageStep(appDigest, "dev"), LIMIT);
        assertThat(promoted).containsEntry("digest", appDigest).containsEntry("environment", "dev")
                .containsEntry("alreadyThere", false);
        assertThat(registry.client().resolve(ImageRef.parse((String) promoted.get("ref"))).toString())
                .as("promoted unchanged: the same digest").isEqualTo(appDigest);

        // these builds run as SYSTEM (no Authorize Project here): retiring needs the administrator's opt-in
        ImageLifecycleConfiguration.get().setSystemBuildsMayPromoteAndRetire(true);
        RetireImageStep retire = new RetireImageStep(blessedDigest);
        retire.setReason("superseded by a patched base");
        Map<String, Object> retired = context().run(retire, LIMIT);
        assertThat(retired).containsEntry("stage", "retired");
        assertThat((List<Object>) retired.get("outdated")).containsExactlyInAnyOrder(appDigest, nextDigest);
        assertThat(catalog().require(blessedDigest).stage()).isEqualTo(Stage.RETIRED);

        ImageLifecycleRunAction action = run.getAction(ImageLifecycleRunAction.class);
        assertThat(action.getRun()).isSameAs(run);
        assertThat(action.getOperations()).extracting(ImageOperation::getOperation, ImageOperation::getDigest,
                        ImageOperation::getOutcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bless", blessedDigest, "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("augment", appDigest, "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("augment", nextDigest, "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("test", appDigest, "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("promote", appDigest, "succeeded"),
                        org.assertj.core.groups.Tuple.tuple("retire", blessedDigest, "succeeded"));
        assertThat(action.getOperations().get(0).getTestSummary()).contains("1 passed");
        assertThat(action.getOperations().get(1).getParent()).isEqualTo(blessedDigest);
        assertThat(action.getOperations().get(4).getEnvironment()).isEqualTo("dev");

        JsonNode provenance = Json.read(action.provenance(appDigest).orElseThrow());
        assertThat(provenance.at("/subject/0/digest/sha256").asText()).isEqualTo(appDigest.substring(7));
        assertThat(provenance.at("/predicate/runDetails/metadata/invocationId").asText())
                .isEqualTo("https://jenkins.example/job/team/job/app/7/");
        assertThat(provenance.at("/predicate/runDetails/builder/id").asText()).isEqualTo("https://jenkins.example/");
        assertThat(action.testDetails(appDigest)).isPresent();
        assertThat(runDir.resolve("image-lifecycle")).isDirectoryContaining(p -> p.getFileName().toString()
                .equals(appDigest.replace(':', '-') + ".provenance.json"));
    }

    @Test
    void aConfiguredKeySignsEveryPushAndTheEnvironmentsTrustedKeysGatePromotionAndVerifyImage() throws Throwable {
        SigningKey key = SigningKey.generate();
        String passphrase = "step passphrase " + unique;
        String pem = key.cosignPem(Passphrase.of(passphrase));
        CredentialsProvider.standInStore(new TestSecretFile("signing-" + unique, "cosign.key", pem.getBytes(StandardCharsets.US_ASCII)));
        CredentialsProvider.standInStore(new TestSecretText("signing-pass-" + unique, passphrase));
        ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
        config.setSigningKeyCredentialsId("signing-" + unique);
        config.setSigningPassphraseCredentialsId("signing-pass-" + unique);
        EnvironmentConfig dev = new EnvironmentConfig("dev");
        dev.setTrustedKeys(key.publicKey().pem());
        SigningKey devKey = SigningKey.generate();
        CredentialsProvider.standInStore(new TestSecretFile("dev-key-" + unique, "dev.key", devKey.cosignPem(Passphrase.of(passphrase))
                .getBytes(StandardCharsets.US_ASCII)));
        dev.setCountersignKeyCredentialsId("dev-key-" + unique);
        dev.setCountersignPassphraseCredentialsId("signing-pass-" + unique);
        config.setEnvironments(List.of(dev));

        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/signed"));
        bless.setContext("blessed");
        TestStepContext blessing = context();
        String digest = (String) blessing.run(bless, LIMIT).get("digest");
        ImageRef repository = ImageRef.parse(target("blessed/signed")).withoutDigest();
        assertThat(SignatureVerification.verify(new ImageSignatures(registry.client()).list(repository, Digest.parse(digest)), repository,
                Digest.parse(digest), List.of(key.publicKey())).trusted()).as("signed after the push").isTrue();
        assertThat(blessing.log()).contains("Signed " + repository.name() + "@" + digest + " with key " + key.keyId());
        assertThat(io.jenkins.plugins.imagelifecycle.signing.AttestationVerification.verify(new AttestationStore(registry.client()),
                repository, Digest.parse(digest), List.of(key.publicKey())))
                .as("provenance and SBOM in DSSE envelopes the controller signed, stored from the agent and the controller")
                .extracting(c -> c.predicateType() + " " + c.valid())
                .containsExactlyInAnyOrder("https://slsa.dev/provenance/v1 true", "https://cyclonedx.org/bom true");

        PromoteImageStep promote = new PromoteImageStep(digest, "dev");
        promote.setWaiveTests("signing test");
        TestStepContext promoting = context();
        String promoted = (String) promoting.run(promote, LIMIT).get("ref");
        assertThat(new ImageSignatures(registry.client()).list(ImageRef.parse(promoted).withoutDigest(), Digest.parse(digest)))
                .as("copied, the factory's for dev, and dev's countersignature").extracting(ImageSignatures.Stored::claimedKeyId)
                .containsExactly(key.keyId(), key.keyId(), devKey.keyId());
        VerifyImageStep verify = new VerifyImageStep(ImageRef.parse(promoted).withoutDigest().name() + "@" + digest);
        verify.setEnvironment("dev");
        Map<String, Object> verified = context().run(verify, LIMIT);
        assertThat(verified).containsEntry("verified", true);

        // a step's own key, as the build sees credentials, instead of the global one
        SigningKey team = SigningKey.generate();
        CredentialsProvider.standInStore(new TestSecretFile("team-key-" + unique, "team.key",
                team.cosignPem(Passphrase.of("team " + unique)).getBytes(StandardCharsets.US_ASCII)));
        CredentialsProvider.standInStore(new TestSecretText("team-pass-" + unique, "team " + unique));
        BlessImageStep teamBless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/team"));
        teamBless.setContext("blessed");
        teamBless.setSigningKeyCredentialsId("team-key-" + unique);
        teamBless.setSigningPassphraseCredentialsId("team-pass-" + unique);
        String teamDigest = (String) context().run(teamBless, LIMIT).get("digest");
        ImageRef teamRepository = ImageRef.parse(target("blessed/team")).withoutDigest();
        assertThat(new ImageSignatures(registry.client()).list(teamRepository, Digest.parse(teamDigest)))
                .extracting(ImageSignatures.Stored::claimedKeyId).containsExactly(team.keyId());
        BlessImageStep missingKey = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/nokey"));
        missingKey.setContext("blessed");
        missingKey.setSigningKeyCredentialsId("absent-" + unique);
        assertThatThrownBy(() -> context().run(missingKey, LIMIT)).hasMessageContaining("Signing key credential 'absent-" + unique
                + "' is not a Secret file credential visible to");
        assertThatThrownBy(() -> registry.client().resolve(ImageRef.parse(target("blessed/nokey")))).as("nothing built or pushed")
                .isNotNull();

        config.setSigningKeyCredentialsId(null);
        BlessImageStep unsignedBless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/unsigned"));
        unsignedBless.setContext("blessed");
        String unsigned = (String) context().run(unsignedBless, LIMIT).get("digest");
        PromoteImageStep refused = new PromoteImageStep(unsigned, "dev");
        refused.setWaiveTests("signing test");
        assertThatThrownBy(() -> context().run(refused, LIMIT)).hasMessageContaining("has no valid signature by a key dev trusts")
                .hasMessageContaining(key.keyId());
        VerifyImageStep notVerified = new VerifyImageStep(target("blessed/unsigned"));
        notVerified.setEnvironment("dev");
        notVerified.setFailIfUnverified(false);
        assertThat(context().run(notVerified, LIMIT)).containsEntry("verified", false);

        // neither the passphrase nor the private key reached a log, build.xml, the run's files or the configuration
        String keyBody = pem.split("\n")[1];
        for (Path root : List.of(home, runDir, workspace)) {
            try (var files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(f.toString()).doesNotContain(passphrase).doesNotContain(keyBody);
                }
            }
        }
        assertThat(blessing.log() + promoting.log()).doesNotContain(passphrase).doesNotContain(keyBody);
    }

    @Test
    void promoteImageVerifiesOnTheAgentCheckImageAnswersAndRollbackImageGoesBack() throws Throwable {
        EnvironmentConfig dev = new EnvironmentConfig("dev");
        dev.setVerifyTests("tests/hooks.yaml");
        dev.setVerifyCommand("test \"$ENVIRONMENT\" = dev && test -n \"$IMAGE_DIGEST\"");
        dev.setVerifyTimeout("2m");
        EnvironmentConfig qa = new EnvironmentConfig("qa");
        qa.setSoak("1h");
        ImageLifecycleConfiguration.get().setEnvironments(List.of(dev, qa));
        String first = blessTested("fit", "1");

        PromoteImageStep outsideNode = new PromoteImageStep(first, "dev");
        TestStepContext noWorkspace = new TestStepContext(run, null, System.getenv());
        assertThatThrownBy(() -> noWorkspace.run(outsideNode, LIMIT)).isInstanceOf(AbortException.class)
                .hasMessageContaining("run this step inside a node block, or pass wait: false");
        assertThat(catalog().placements(first)).as("refused before anything is placed").isEmpty();

        Map<String, Object> promoted = context().run(new PromoteImageStep(first, "dev"), LIMIT);
        assertThat(promoted).containsEntry("verification", "verified").containsEntry("verificationDetail", "2 passed, 0 failed");
        assertThatThrownBy(() -> context().run(new PromoteImageStep(first, "qa"), LIMIT))
                .hasMessageContaining("qa needs a soak of 1h there: eligible at");

        Map<String, Object> fit = context().run(new CheckImageStep(first, "dev"), LIMIT);
        assertThat(fit).containsEntry("fit", true).containsEntry("digest", first);
        CheckImageStep inQa = new CheckImageStep(first, "qa");
        inQa.setFailIfUnfit(false);
        assertThat((List<Map<String, Object>>) context().run(inQa, LIMIT).get("reasons")).extracting(r -> r.get("code"))
                .containsExactly("not-promoted");
        assertThatThrownBy(() -> context().run(new CheckImageStep(first, "qa"), LIMIT)).isInstanceOf(AbortException.class)
                .hasMessageContaining("is not fit to run in qa");
        Http.Response answer = new Http.Response();
        new io.jenkins.plugins.imagelifecycle.plugin.pages.ImageLifecycleRootAction().getCheck().doIndex(Http.request("GET").param("image", first)
                .param("env", "dev").proxy(), answer.proxy());
        assertThat(Json.read(answer.body()).path("fit").asBoolean()).as(answer.body()).isTrue();
        Http.Response bad = new Http.Response();
        new io.jenkins.plugins.imagelifecycle.plugin.pages.ImageLifecycleRootAction().getCheck().doIndex(Http.request("GET").param("image", first)
                .param("env", "nowhere").proxy(), bad.proxy());
        assertThat(bad.status).isEqualTo(400);

        String second = blessTested("fit", "2");
        PromoteImageStep later = new PromoteImageStep(second, "dev");
        later.setWait(false);
        assertThat(context().run(later, LIMIT)).as("left to a later reverify").containsEntry("verification", "verifying");
        CheckImageStep unverified = new CheckImageStep(second, "dev");
        unverified.setFailIfUnfit(false);
        assertThat((List<Map<String, Object>>) context().run(unverified, LIMIT).get("reasons")).extracting(r -> r.get("code"))
                .containsExactly("not-verified");
        Map<String, Object> back = context().run(new RollbackImageStep("dev"), LIMIT);
        assertThat(back).containsEntry("digest", first).containsEntry("previous", second).containsEntry("verification", "verified");
        assertThat(catalog().history(first)).extracting(e -> e.action()).contains("rollback", "verified");
        assertThat(run.getAction(ImageLifecycleRunAction.class).getOperations()).extracting(o -> o.getOperation()).contains("rollback");
    }

    private String blessTested(String name, String tag) throws Throwable {
        ImageRef upstream = RealDocker.busyboxBase("upstream/busybox-fit-" + unique + ":" + tag, "fit" + tag + unique);
        BlessImageStep bless = new BlessImageStep(upstream.withoutDigest().toString(), "blessed/Dockerfile",
                registry.host() + "/blessed/" + name + "-" + unique + ":" + tag);
        bless.setContext("blessed");
        bless.setTests(List.of("tests/hooks.yaml"));
        return (String) context().run(bless, LIMIT).get("digest");
    }

    @Test
    void aFailingImageTestFailsTheStepAndIsRecorded() throws Throwable {
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/fails"));
        bless.setContext("blessed");
        String digest = (String) context().run(bless, LIMIT).get("digest");

        TestStepContext context = context();
        assertThatThrownBy(() -> context.run(new TestImageStep(digest, List.of("tests/broken.yaml")), LIMIT))
                .isInstanceOf(AbortException.class)
                .hasMessage("Image tests of " + target("blessed/fails") + " failed: File Existence Test: missing file");
        assertThat(catalog().latestTestRun(digest)).get().extracting(r -> r.result(), r -> r.failed()).containsExactly("FAILED", 1);
        ImageOperation last = run.getAction(ImageLifecycleRunAction.class).getOperations().get(1);
        assertThat(last.getOperation()).isEqualTo("test");
        assertThat(last.getMessage()).isEqualTo("failed: File Existence Test: missing file");
    }

    @Test
    void aTestRunWithNoTestIsRefusedAndNeverMakesAnImageTested() throws Throwable {
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/notests"));
        bless.setContext("blessed");
        String digest = (String) context().run(bless, LIMIT).get("digest");
        Files.writeString(workspace.resolve("tests/empty.yaml"), "schemaVersion: 2.0.0\nmetadataTest: {}\n");

        // what the Snippet Generator writes for a form without tests: no tests at all
        TestStepContext context = context();
        assertThatThrownBy(() -> context.run(new TestImageStep(digest, null), LIMIT))
                .isInstanceOf(AbortException.class).hasMessageContaining("testImage needs tests");
        assertThatThrownBy(() -> context().run(new TestImageStep(digest, List.of()), LIMIT))
                .isInstanceOf(AbortException.class).hasMessageContaining("testImage needs tests");
        // a spec whose only content is an empty metadataTest: CST counts no test in it
        assertThatThrownBy(() -> context().run(new TestImageStep(digest, List.of("tests/empty.yaml")), LIMIT))
                .isInstanceOf(AbortException.class).hasMessageContaining("holds no tests");
        assertThat(catalog().testRuns(digest)).isEmpty();
        assertThat(catalog().require(digest).stage()).isEqualTo(io.jenkins.plugins.imagelifecycle.model.Stage.BUILT);
    }

    @Test
    void badInputAbortsWithTheCoreMessageAndChangesNothing() throws Throwable {
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "no/Dockerfile", target("blessed/bad"));
        TestStepContext context = context();
        assertThatThrownBy(() -> context.run(bless, LIMIT))
                .isExactlyInstanceOf(AbortException.class)
                .hasMessageContaining("Dockerfile 'no/Dockerfile'");
        assertThat(catalog().images()).isEmpty();
        assertThat(catalog().recentEvents(10)).isEmpty();
        assertThat(run.getAction(ImageLifecycleRunAction.class)).isNull();

        BlessImageStep badArg = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/bad"));
        badArg.setBuildArgs(List.of("NOEQUALS"));
        assertThatThrownBy(() -> context().run(badArg, LIMIT)).isExactlyInstanceOf(AbortException.class)
                .hasMessage("buildArgs entry 'NOEQUALS' is not KEY=VALUE");

        assertThatThrownBy(() -> context().run(new PromoteImageStep("sha256:" + "0".repeat(64), "dev"), LIMIT))
                .isExactlyInstanceOf(AbortException.class).hasMessageContaining("sha256:" + "0".repeat(64));
    }

    @Test
    void theAgentWorksWithTheBuildsEnvironmentNotTheControllers() throws Exception {
        // the controller (this JVM) has a working engine and Packer on its PATH; the build's environment says otherwise
        Map<String, String> agentEnv = new java.util.HashMap<>(System.getenv());
        agentEnv.put("DOCKER_HOST", "unix:///nonexistent/agent-docker.sock");
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/env"));
        bless.setContext("blessed");
        assertThatThrownBy(() -> new TestStepContext(run, workspace, agentEnv).run(bless, LIMIT))
                .isExactlyInstanceOf(AbortException.class).hasMessageContaining("unix:///nonexistent/agent-docker.sock");

        Files.createDirectories(workspace.resolve("packer"));
        try (var in = getClass().getResourceAsStream("/packer/file.pkr.hcl")) {
            Files.write(workspace.resolve("packer/file.pkr.hcl"), in.readAllBytes());
        }
        Map<String, String> noPacker = new java.util.HashMap<>(System.getenv());
        noPacker.put("PATH", workspace.resolve("empty-bin").toString());
        assertThatThrownBy(() -> new TestStepContext(run, workspace, noPacker).run(new BuildHostImageStep("packer/file.pkr.hcl"), LIMIT))
                .isExactlyInstanceOf(AbortException.class).hasMessageStartingWith("Packer is not on the PATH");
        assertThat(catalog().images()).isEmpty();
    }

    @Test
    void anUnknownCredentialsIdAbortsNamingIt() {
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target("blessed/creds"));
        bless.setContext("blessed");
        bless.setCredentialsId("no-such-id");
        assertThatThrownBy(() -> context().run(bless, LIMIT)).isExactlyInstanceOf(AbortException.class)
                .hasMessage("Credentials 'no-such-id' not found for team/app#7; expected the id of a username with password credential");
        assertThat(catalog().recentEvents(10)).isEmpty();
    }

    @Test
    void credentialsFromTheStoreReachAnAuthenticatedRegistryAndNeverTheLog() throws Throwable {
        try (TestRegistry secured = TestRegistry.builder().withHtpasswd().start()) {
            var creds = secured.credentials().orElseThrow();
            CredentialsProvider.standInStore(new TestCredentials("registry", creds.username(), creds.password()));
            String target = secured.host() + "/blessed/secured-" + unique + ":1";
            BlessImageStep anonymous = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target);
            anonymous.setContext("blessed");
            assertThatThrownBy(() -> context().run(anonymous, LIMIT)).isExactlyInstanceOf(AbortException.class)
                    .hasMessageContaining(secured.host());

            BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target);
            bless.setContext("blessed");
            bless.setCredentialsId("registry");
            TestStepContext context = context();
            Map<String, Object> blessed = context.run(bless, LIMIT);

            assertThat(secured.client().resolve(ImageRef.parse(target)).toString()).isEqualTo(blessed.get("digest"));
            assertThat(context.log()).contains("Pushed " + target).doesNotContain(creds.password());
            assertThat(catalog().require((String) blessed.get("digest")).provenance()).doesNotContain(creds.password());
        }
    }

    @Test
    void agentsUseTheNodesDockerLoginsButTheControllerNeverUsesItsOwn() throws Throwable {
        try (TestRegistry secured = TestRegistry.builder().withHtpasswd().start()) {
            var creds = secured.credentials().orElseThrow();
            Path dockerConfig = Files.createDirectories(workspace.resolve(".docker-node"));
            String auth = java.util.Base64.getEncoder().encodeToString((creds.username() + ":" + creds.password()).getBytes());
            Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{\"" + secured.host() + "\":{\"auth\":\"" + auth + "\"}}}");
            Map<String, String> nodeEnv = new java.util.HashMap<>(System.getenv());
            nodeEnv.put("DOCKER_CONFIG", dockerConfig.toString());

            String target = secured.host() + "/blessed/node-login-" + unique + ":1";
            BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "blessed/Dockerfile", target);
            bless.setContext("blessed");
            TestStepContext blessing = new TestStepContext(run, workspace, nodeEnv);
            String digest = (String) blessing.run(bless, LIMIT).get("digest");
            assertThat(secured.client().resolve(ImageRef.parse(target)).toString()).as("pushed with the node's login").isEqualTo(digest);
            // the controller holds no login for that registry: it says which checks of the agent's report it could not make
            assertThat(blessing.log()).contains("The controller could not check the agent's pushed digest");
            assertThat(io.jenkins.plugins.imagelifecycle.support.Json.read(catalog().history(digest).get(0).details())
                    .path("controllerCouldNotCheck").size()).isEqualTo(2);

            // promotion runs on the controller: the build's DOCKER_CONFIG is the node's, not to be used there
            PromoteImageStep anonymous = new PromoteImageStep(digest, "dev");
            anonymous.setWaiveTests("login test");
            assertThatThrownBy(() -> new TestStepContext(run, workspace, nodeEnv).run(anonymous, LIMIT))
                    .isExactlyInstanceOf(AbortException.class).hasMessageContaining(secured.host());
            assertThat(catalog().placements(digest)).isEmpty();
            CredentialsProvider.standInStore(new TestCredentials("secured-" + unique, creds.username(), creds.password()));
            PromoteImageStep promote = new PromoteImageStep(digest, "dev");
            promote.setWaiveTests("login test");
            promote.setCredentialsId("secured-" + unique);
            assertThat(new TestStepContext(run, workspace, nodeEnv).run(promote, LIMIT)).containsEntry("digest", digest);
        }
    }

    @Test
    void abortingABuildStopsDockerAndRecordsTheFailedAttempt() throws Exception {
        Workspaces.write(workspace, "slow/Dockerfile", """
                ARG BASE_IMAGE
                FROM ${BASE_IMAGE}
                RUN echo started-slow-step && sleep 300 && echo "slow-%s"
                """.formatted(unique));
        BlessImageStep bless = new BlessImageStep(base.withoutDigest().toString(), "slow/Dockerfile", target("blessed/slow"));
        bless.setContext("slow");
        TestStepContext context = context();
        var execution = context.start(bless);
        waitFor(() -> context.log().contains("started-slow-step"), Duration.ofMinutes(2), "the slow build step to start");
        // this build's container only: its command carries this test's unique mark
        waitFor(() -> RealDocker.client().listContainersCmd().exec().stream()
                .anyMatch(c -> c.getCommand() != null && c.getCommand().contains("slow-" + unique)), Duration.ofSeconds(30),
                "the build container to be seen running");

        long stopped = System.nanoTime();
        execution.stop(new InterruptedException("aborted by the test"));

        assertThat(context.outcome()).isCompletedExceptionally();
        waitFor(() -> catalog().recentEvents(10).stream().anyMatch(e -> e.toStage() == Stage.FAILED), Duration.ofSeconds(60),
                "the failed attempt on record");
        LifecycleEvent failed = catalog().recentEvents(10).get(0);
        assertThat(failed.action()).isEqualTo("bless");
        assertThat(failed.ref()).isEqualTo(target("blessed/slow"));
        assertThat(failed.reason()).contains("interrupted");
        waitFor(() -> RealDocker.client().listContainersCmd().exec().stream()
                .noneMatch(c -> c.getCommand() != null && c.getCommand().contains("slow-" + unique)), Duration.ofSeconds(60),
                "the build container to be stopped");
        Duration toStop = Duration.ofNanos(System.nanoTime() - stopped);
        System.out.println("Aborted bless: failed attempt recorded and build container gone " + toStop.toMillis() + " ms after stop()");
        assertThat(toStop).isLessThan(Duration.ofSeconds(90));
        assertThat(catalog().images()).isEmpty();
        assertThat(run.getAction(ImageLifecycleRunAction.class).getOperations()).singleElement()
                .extracting(ImageOperation::getOutcome).isEqualTo("failed");
    }

    @Test
    void buildHostImageRecordsOneHostImagePerArtifact() throws Throwable {
        Files.createDirectories(workspace.resolve("packer"));
        try (var in = getClass().getResourceAsStream("/packer/file.pkr.hcl")) {
            Files.write(workspace.resolve("packer/file.pkr.hcl"), in.readAllBytes());
        }
        BuildHostImageStep step = new BuildHostImageStep("packer/file.pkr.hcl");
        step.setName("hosts/motd");
        Map<String, Object> result = context().run(step, LIMIT);

        assertThat(result).containsEntry("family", "hosts/motd").containsEntry("stage", "built");
        assertThat((List<?>) result.get("images")).hasSize(1);
        String digest = (String) result.get("digest");
        assertThat(catalog().hostDetails(digest)).isPresent();
        assertThat(run.getAction(ImageLifecycleRunAction.class).provenance(digest)).isPresent();
    }

    static void waitFor(java.util.function.BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
