package io.jenkins.plugins.imagelifecycle.fitness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.config.VerifySettings;
import io.jenkins.plugins.imagelifecycle.contents.LayeredImages;
import io.jenkins.plugins.imagelifecycle.lifecycle.EndOfLife;
import io.jenkins.plugins.imagelifecycle.lifecycle.LocalPlacementVerifier;
import io.jenkins.plugins.imagelifecycle.lifecycle.PlacementVerifications;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromotionResult;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.RollbackOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.SigningOperation;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification.State;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.testing.MovableClock;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.view.EnvironmentTimeline;
import io.jenkins.plugins.imagelifecycle.verify.TestResultStatement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fit to run, against a real registry, the real engine and a real catalog: soak time on a clock the test
 * moves, verification in each environment (a spec that fails only in qa), reverify blocking downstream, a
 * verify command that hangs, rollback through the gates, the environment's history, and the deploy-time check
 * with one image per reason.
 */
@Tag("integration")
class FitToRunIT {
    @TempDir
    Path dir;
    private TestRegistry registry;
    private Catalog catalog;
    private SyntheticImages images;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    private Path passing;
    private Path failingInQa;

    @BeforeEach
    void setUp() throws Exception {
        registry = RealDocker.registry();
        catalog = Catalog.open(dir.resolve("catalog").toString());
        images = new SyntheticImages(catalog, registry.host());
        passing = Files.writeString(dir.resolve("dpkg.yaml"), "schemaVersion: '2.0.0'\nfileExistenceTests:\n"
                + "  - name: a shell\n    path: /bin/sh\n    shouldExist: true\n");
        failingInQa = Files.writeString(dir.resolve("qa.yaml"), "schemaVersion: '2.0.0'\nfileExistenceTests:\n"
                + "  - name: qa marker\n    path: /etc/qa-ready\n    shouldExist: true\n");
    }

    private ImageRecord image(String name) {
        ImageRef pushed = LayeredImages.pushDebian(registry.client(), ImageRef.parse(registry.host() + "/fit/" + name + "-" + unique),
                "Package: " + name + "\nStatus: install ok installed\nVersion: 1." + Math.abs((name + unique).hashCode()) + "\nArchitecture: all\n");
        return images.record("fit/" + name + "-" + unique + ":1", pushed.digest().orElseThrow().toString(), Role.AUGMENTED, null, null, null,
                clock.instant());
    }

    /** A real test run (the spec against the pushed image, on the engine), so a rollback passes the test gate as the image did. */
    private void tested(ImageRecord image) {
        var operation = new io.jenkins.plugins.imagelifecycle.lifecycle.ImageTestOperation(catalog);
        var specs = io.jenkins.plugins.imagelifecycle.verify.SpecParser.parseAll(List.of(passing));
        operation.record(image, io.jenkins.plugins.imagelifecycle.lifecycle.ImageTestOperation.runOn(RealDocker.engine(), image, specs,
                io.jenkins.plugins.imagelifecycle.lifecycle.ImageTestOperation.runner(RealDocker.engine(), 1, Duration.ofSeconds(60)),
                h -> Optional.empty(), RealDocker.quiet()), "tester");
    }

    /** An image the engine can pull and run (busybox, marked), recorded as built: for verification with specs. */
    private ImageRecord runnable(String name, String tag) {
        ImageRef pushed = RealDocker.busyboxBase("fit/" + name + "-" + unique + ":" + tag, name + tag + unique);
        return images.record("fit/" + name + "-" + unique + ":" + tag, pushed.digest().orElseThrow().toString(), Role.AUGMENTED, null, null,
                null, clock.instant());
    }

    /** The verifier closes the engine it opens, as the CLI's does: its own connection, not the tests' shared one. */
    private static io.jenkins.plugins.imagelifecycle.docker.DockerEngine freshEngine() {
        return io.jenkins.plugins.imagelifecycle.docker.DockerEngine.connect(System.getenv("DOCKER_HOST"));
    }

    private static VerifySettings specs(Path... files) {
        return new VerifySettings(java.util.Arrays.stream(files).map(Path::toString).toList(), List.of(), "2m");
    }

    /** Signs each promoted copy for its repository, as a factory with a key does. */
    private SigningKey promotionKey;

    private PromoteOperation promotion(LifecycleConfig config) {
        return new PromoteOperation(catalog, config, registry.client(), clock, Optional.ofNullable(promotionKey))
                .verifyingWith(new LocalPlacementVerifier(dir, FitToRunIT::freshEngine, h -> Optional.empty()));
    }

    private PromotionResult promote(LifecycleConfig config, ImageRecord image, String env) {
        return promotion(config).promote(new PromoteRequest(image.digest(), env, env.equals("prod") ? "carol" : null, "synthetic image"),
                "alice", RealDocker.quiet());
    }

    private static LifecycleConfig config(Environment... envs) {
        return new LifecycleConfig(List.of(), List.of(envs));
    }

    @Test
    void anImageMovesOnOnlyOnceVerifiedAndSoakedAndAFailedReverifyBlocksDownstream() {
        Environment dev = new Environment("dev", null, false, false).withSoakAndVerify(null, specs(passing));
        Environment qa = new Environment("qa", null, false, false).withSoakAndVerify("2h", specs(passing, failingInQa));
        Environment prod = new Environment("prod", null, true, false).withSoakAndVerify("1d", null);
        LifecycleConfig config = config(dev, qa, prod);
        ImageRecord app = runnable("soak", "1");

        Instant placedInDev = clock.instant();
        PromotionResult inDev = promote(config, app, "dev");
        assertThat(inDev.verification().state()).isEqualTo(State.VERIFIED);
        ImageRef devCopy = ImageRef.parse(inDev.targetRef());
        assertThat(new AttestationStore(registry.client()).list(devCopy.withoutDigest(), Digest.parse(app.digest())))
                .as("the results beside the promoted copy").extracting(AttestationStore.Attestation::predicateType)
                .contains(TestResultStatement.PREDICATE_TYPE);

        clock.advance(Duration.ofMinutes(90));
        assertThatThrownBy(() -> promote(config, app, "qa")).isInstanceOf(GateRefusedException.class)
                .hasMessageContaining("qa needs a soak of 2h there: eligible at " + placedInDev.plus(Duration.ofHours(2)));
        assertThat(catalog.placements(app.digest())).as("a refusal places nothing").hasSize(1);
        clock.advance(Duration.ofMinutes(31));
        PromotionResult inQa = promote(config, app, "qa");
        assertThat(inQa.verification().state()).as("the spec fails only in qa").isEqualTo(State.FAILED);
        assertThat(inQa.verification().detail()).contains("qa marker");
        assertThat(catalog.history(app.digest())).extracting(LifecycleEvent::action)
                .containsSubsequence("promote", "verifying", "verified", "promote", "verifying", "verification-failed");

        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> promote(config, app, "prod")).isInstanceOf(GateRefusedException.class)
                .hasMessageContaining("is not verified in qa (verification failed");
        assertThat(new FitnessCheck(catalog, config).check(app.digest(), "qa", LocalDate.now(), null).reasons())
                .extracting(FitnessAnswer.Reason::code).containsExactly("not-verified");

        // qa's check fixed: reverify passes, and prod takes it (qa's placement has soaked for two days)
        LifecycleConfig fixed = config(dev, qa.withSoakAndVerify("2h", specs(passing)), prod);
        List<io.jenkins.plugins.imagelifecycle.model.PlacementVerification> again = new PlacementVerifications(catalog, registry.client(), clock, null)
                .reverify(fixed, "qa", null, new LocalPlacementVerifier(dir, FitToRunIT::freshEngine, h -> Optional.empty()), "bob", RealDocker.quiet());
        assertThat(again).extracting(v -> v.state()).containsExactly(State.VERIFIED);
        assertThat(promote(fixed, app, "prod").environment()).isEqualTo("prod");

        // and the other way round: a reverify that fails makes a verified image ineligible downstream
        ImageRecord next = runnable("reverify", "1");
        promote(fixed, next, "dev");
        LifecycleConfig devBroken = config(dev.withSoakAndVerify(null, specs(failingInQa)), qa, prod);
        assertThat(new PlacementVerifications(catalog, registry.client(), clock, null).reverify(devBroken, "dev", next.digest(),
                new LocalPlacementVerifier(dir, FitToRunIT::freshEngine, h -> Optional.empty()), "bob", RealDocker.quiet()))
                .extracting(v -> v.state()).containsExactly(State.FAILED);
        clock.advance(Duration.ofHours(3));
        assertThatThrownBy(() -> promote(fixed, next, "qa")).isInstanceOf(GateRefusedException.class)
                .hasMessageContaining("is not verified in dev (verification failed");
    }

    @Test
    void aVerifyCommandThatHangsIsKilledWithItsChildrenAndThePlacementMarkedFailed() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Environment dev = new Environment("dev", null, false, false).withSoakAndVerify(null, new VerifySettings(List.of(),
                List.of("sh", "-c", "sleep 600 & echo $! > " + pidFile + "; echo checking $IMAGE in $ENVIRONMENT; wait"), "2s"));
        ImageRecord app = image("hang");
        PromotionResult result = promote(config(dev), app, "dev");
        assertThat(result.verification().state()).isEqualTo(State.FAILED);
        assertThat(result.verification().detail()).contains("timed out after 2 s; killed with its children");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).as("the command's child is gone").isFalse();
        assertThat(new FitnessCheck(catalog, config(dev)).check(app.digest(), "dev", LocalDate.now(), null).fit()).isFalse();
    }

    @Test
    void aCommandSeesThePromotedCopyAndItsEnvironment() throws Exception {
        Path seen = dir.resolve("seen.txt");
        Environment dev = new Environment("dev", null, false, false).withSoakAndVerify(null, new VerifySettings(List.of(),
                List.of("sh", "-c", "echo \"$ENVIRONMENT $IMAGE $IMAGE_DIGEST\" > " + seen), null));
        ImageRecord app = image("command");
        PromotionResult result = promote(config(dev), app, "dev");
        assertThat(result.verification().state()).isEqualTo(State.VERIFIED);
        String copy = ImageRef.parse(result.targetRef()).withoutDigest().name();
        assertThat(Files.readString(seen).strip()).isEqualTo("dev " + copy + "@" + app.digest() + " " + app.digest());
    }

    @Test
    void rollbackGoesBackThroughTheGatesAndTheHistorySaysHowEachLeft() {
        Environment dev = new Environment("dev", null, false, false);
        LifecycleConfig config = config(dev);
        ImageRecord first = runnable("rb", "1");
        ImageRecord second = runnable("rb", "2");
        ImageRecord third = runnable("rb", "3");
        for (ImageRecord i : List.of(first, second, third)) {
            tested(i);
            promote(config, i, "dev");
            clock.advance(Duration.ofMinutes(1));
        }
        RollbackOperation rollback = new RollbackOperation(catalog, config, promotion(config));
        PromotionResult back = rollback.rollback("dev", null, null, null, List.of(), "bob", RealDocker.quiet());
        assertThat(back.digest()).isEqualTo(second.digest());
        assertThat(back.previous()).isEqualTo(third.digest());
        assertThat(registry.client().resolve(ImageRef.parse(back.targetRef())).toString()).as("the tag points back").isEqualTo(second.digest());

        new EndOfLife(catalog, new io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion(registry.client()), image -> List.of(), "bob", clock)
                .retire(new RetireRequest(first.digest(), "withdrawn", false, false, false), RealDocker.quiet());
        assertThatThrownBy(() -> rollback.rollback("dev", null, first.digest(), null, List.of(), "bob", RealDocker.quiet()))
                .isInstanceOf(GateRefusedException.class).hasMessageContaining("is retired");
        assertThat(catalog.current("dev", first.repository())).contains(second.digest());
        assertThatThrownBy(() -> rollback.rollback("dev", null, "sha256:" + "ab".repeat(32), null, List.of(), "bob", RealDocker.quiet()))
                .isInstanceOf(io.jenkins.plugins.imagelifecycle.model.NotFoundException.class);
        String stranger = image("stranger").digest();
        assertThatThrownBy(() -> rollback.rollback("dev", first.digest(), stranger, null, List.of(), "bob", RealDocker.quiet()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("never stood in dev");

        List<EnvironmentTimeline.Stint> history = EnvironmentTimeline.of(catalog, "dev", first.repository());
        assertThat(history).extracting(s -> s.placement().digest())
                .containsExactly(first.digest(), second.digest(), third.digest(), second.digest());
        assertThat(history).extracting(EnvironmentTimeline.Stint::left).containsExactly("superseded", "superseded", "rolled back", null);
        assertThat(history.get(0).retired()).isTrue();
        assertThat(history.get(3).placement().kind()).isEqualTo("rollback");
        assertThat(history.get(3).current()).isTrue();
        assertThat(catalog.history(second.digest())).extracting(LifecycleEvent::action).contains("rollback");
    }

    @Test
    void theDeployTimeCheckGivesEveryReasonAnImageIsNotFit() throws Exception {
        SigningKey factory = SigningKey.generate();
        SigningKey successor = SigningKey.generate();
        promotionKey = factory;
        Environment dev = new Environment("dev", null, false, false, null, List.of(factory.publicKey().pem()));
        LifecycleConfig config = config(dev);
        SigningOperation signing = new SigningOperation(catalog, registry.client(), clock);
        java.util.function.Function<String, ImageRecord> signed = name -> {
            ImageRecord i = image(name);
            signing.sign(i, ImageRef.parse(i.repository()), factory, "tester", RealDocker.quiet());
            return i;
        };
        ImageRecord fit = signed.apply("fit");
        ImageRecord notPromoted = signed.apply("not-promoted");
        ImageRecord superseded = signed.apply("superseded");
        ImageRecord retired = signed.apply("retired");
        ImageRecord deprecated = signed.apply("deprecated");
        ImageRecord parent = signed.apply("parent");
        ImageRecord child = images.record("fit/child-" + unique + ":1", LayeredImages.pushDebian(registry.client(),
                ImageRef.parse(registry.host() + "/fit/child-" + unique), "Package: child\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n")
                .digest().orElseThrow().toString(), Role.AUGMENTED, parent.digest(), null, null, clock.instant());
        signing.sign(child, ImageRef.parse(child.repository()), factory, "tester", RealDocker.quiet());
        for (ImageRecord i : List.of(fit, superseded, retired, deprecated, child)) {
            promote(config, i, "dev");
        }
        ImageRecord newer = images.record("fit/superseded-" + unique + ":2", LayeredImages.pushDebian(registry.client(),
                ImageRef.parse(registry.host() + "/fit/superseded-" + unique), "Package: s\nStatus: install ok installed\nVersion: 2\nArchitecture: all\n")
                .digest().orElseThrow().toString(), Role.AUGMENTED, null, null, null, clock.instant());
        signing.sign(newer, ImageRef.parse(newer.repository()), factory, "tester", RealDocker.quiet());
        promote(config, newer, "dev");
        EndOfLife endOfLife = new EndOfLife(catalog, new io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion(registry.client()),
                image -> List.of(), "bob", clock);
        endOfLife.retire(new RetireRequest(retired.digest(), "withdrawn", false, false, false), RealDocker.quiet());
        endOfLife.retire(new RetireRequest(parent.digest(), "withdrawn", false, false, false), RealDocker.quiet());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        endOfLife.deprecate(deprecated.digest(), today.plusDays(10).toString(), "replaced", RealDocker.quiet());

        FitnessCheck check = new FitnessCheck(catalog, config);
        assertThat(check.check(fit.digest(), "dev", today, null).fit()).isTrue();
        assertThat(check.check(fit.digest(), "dev", today, new RegistrySignatureCheck(registry.client())).fit())
                .as("and the registry's signatures agree").isTrue();
        assertThat(codes(check, "sha256:" + "cd".repeat(32), today)).containsExactly("unknown");
        assertThat(codes(check, notPromoted.digest(), today)).containsExactly("not-promoted");
        FitnessAnswer old = check.check(superseded.digest(), "dev", today, null);
        assertThat(old.reasons()).extracting(FitnessAnswer.Reason::code).containsExactly("superseded");
        assertThat(old.current()).isEqualTo(newer.digest());
        assertThat(codes(check, retired.digest(), today)).containsExactly("retired");
        assertThat(codes(check, child.digest(), today)).containsExactly("outdated");
        FitnessAnswer beforeEol = check.check(deprecated.digest(), "dev", today, null);
        assertThat(beforeEol.fit()).isTrue();
        assertThat(beforeEol.notes()).singleElement().asString().contains("10 day(s) left");
        assertThat(codes(check, deprecated.digest(), today.plusDays(11))).containsExactly("end-of-life");

        // the copy's tag, as a deployer names it, means what stands there
        String tag = ImageRef.parse(dev.targetFor(ImageRef.parse(fit.displayRef())).toString()).toString();
        assertThat(check.check(tag, "dev", today, null).digest()).isEqualTo(fit.digest());

        // a key rotated out: the record of the promotion no longer satisfies the environment, nor do the registry's signatures
        LifecycleConfig rotated = config(new Environment("dev", null, false, false, null, List.of(successor.publicKey().pem())));
        assertThat(codes(new FitnessCheck(catalog, rotated), fit.digest(), today)).containsExactly("not-signed");
        assertThat(new FitnessCheck(catalog, rotated).check(fit.digest(), "dev", today, new RegistrySignatureCheck(registry.client()))
                .reasons()).extracting(FitnessAnswer.Reason::code).containsExactly("not-signed");
        assertThatThrownBy(() -> check.check(fit.digest(), "nowhere", today, null))
                .hasMessageContaining("Environment 'nowhere' is not configured");
    }

    @Test
    void aFindingWaivedAtPromotionIsFitUntilItsWaiverEndsAndThenVulnerable() throws Exception {
        ImageRef pushed = LayeredImages.pushDebian(registry.client(), ImageRef.parse(registry.host() + "/fit/vuln-" + unique),
                "Package: libssl3\nStatus: install ok installed\nVersion: 3.0.11-1~deb12u1\nArchitecture: amd64\nSource: openssl\n");
        Files.writeString(dir.resolve("dsa.json"), "{\"id\":\"DSA-9101-1\",\"modified\":\"2026-11-01T00:00:00Z\","
                + "\"database_specific\":{\"severity\":\"high\"},\"affected\":[{\"package\":{\"ecosystem\":\"Debian:12\",\"name\":\"openssl\"},"
                + "\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"3.0.13-1~deb12u1\"}]}]}]}");
        Environment dev = new Environment("dev", null, false, false, "high");
        ImageRecord image = images.record("fit/vuln-" + unique + ":1", pushed.digest().orElseThrow().toString(), Role.AUGMENTED, null, null,
                null, clock.instant());
        new io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation(catalog, registry.client(), clock).read(image, "tester",
                RealDocker.quiet());
        new io.jenkins.plugins.imagelifecycle.lifecycle.AdvisoryOperation(catalog, clock).importAdvisories(List.of(dir.resolve("dsa.json")),
                "tester");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        var waiver = new io.jenkins.plugins.imagelifecycle.model.AdvisoryWaiver("DSA-9101-1", "not reachable", today.plusDays(30));
        promotion(config(dev)).promote(new PromoteRequest(image.digest(), "dev", null, "synthetic image", List.of(waiver)), "alice",
                RealDocker.quiet());
        FitnessCheck check = new FitnessCheck(catalog, config(dev));
        assertThat(check.check(image.digest(), "dev", today, null).fit()).as("waived at its promotion").isTrue();
        FitnessAnswer later = check.check(image.digest(), "dev", today.plusDays(31), null);
        assertThat(later.reasons()).extracting(FitnessAnswer.Reason::code).containsExactly("vulnerable");
        assertThat(later.reasons().get(0).message()).contains("DSA-9101-1 (high, openssl 3.0.11-1~deb12u1)");
    }

    private static List<String> codes(FitnessCheck check, String image, LocalDate today) {
        return check.check(image, "dev", today, null).reasons().stream().map(FitnessAnswer.Reason::code).toList();
    }
}
