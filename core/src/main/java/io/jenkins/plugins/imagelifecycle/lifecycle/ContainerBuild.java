package io.jenkins.plugins.imagelifecycle.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.docker.BuildSpec;
import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource;
import io.jenkins.plugins.imagelifecycle.provenance.OciLabels;
import io.jenkins.plugins.imagelifecycle.provenance.SlsaProvenance;
import io.jenkins.plugins.imagelifecycle.provenance.SourceInfo;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.verify.ImageTestRunner;
import io.jenkins.plugins.imagelifecycle.verify.JUnitXml;
import io.jenkins.plugins.imagelifecycle.verify.SpecFile;
import io.jenkins.plugins.imagelifecycle.verify.SpecParser;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.time.Duration;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Builds one container image on a pinned parent, pushes it, and writes its provenance. Runs where the
 * Docker engine and the workspace are (an agent, in Jenkins); it reads and writes no catalog.
 */
public final class ContainerBuild {
    private static final Pattern BUILD_ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Supplier<DockerEngine> engine;
    private final RegistryClient registry;
    private final Function<String, Optional<RegistryCredentials>> credentials;
    private int testParallelism = ImageTestRunner.DEFAULT_PARALLELISM;
    private Duration testTimeout = ImageTestRunner.DEFAULT_TIMEOUT;

    public ContainerBuild(DockerEngine engine, RegistryClient registry,
                          Function<String, Optional<RegistryCredentials>> credentials) {
        this(() -> engine, registry, credentials);
    }

    /** @param engine asked for only once every input is checked ({@link io.jenkins.plugins.imagelifecycle.docker.EngineOnFirstUse}) */
    public ContainerBuild(Supplier<DockerEngine> engine, RegistryClient registry,
                          Function<String, Optional<RegistryCredentials>> credentials) {
        this.engine = engine;
        this.registry = registry;
        this.credentials = credentials;
    }

    /**
     * Checks every input and pins the upstream base of a bless to its digest. Fails with a clear error
     * and nothing done.
     */
    public PreparedBuild prepareBless(Path workspace, ContainerBuildRequest request, PrintStream log) {
        ImageRef base = ImageRef.parse(request.from());
        PreparedBuild checked = check(Role.BLESSED, workspace, request, null);
        Digest digest = base.digest().orElseGet(() -> registry.resolve(base));
        log.println("Pinned base " + base + " to " + digest);
        ParentImage parent = new ParentImage(base.name(), digest, base.toString(), base.toString(), digest.toString());
        return withParent(checked, parent);
    }

    /** Checks every input of an augment whose blessed parent the catalog has already vouched for. */
    public PreparedBuild prepareAugment(Path workspace, ContainerBuildRequest request, ParentImage parent) {
        return withParent(check(Role.AUGMENTED, workspace, request, parent), parent);
    }

    private PreparedBuild check(Role role, Path workspace, ContainerBuildRequest request, ParentImage parent) {
        WorkspacePaths paths = new WorkspacePaths(workspace);
        ImageRef target = ImageRef.parse(request.target());
        if (target.digest().isPresent()) {
            throw new BadInputException("Target '" + request.target() + "' names a digest; expected registry/repository:tag "
                    + "(the digest is known only after the push)");
        }
        Path context = paths.existingDirectory(request.context(), "build context");
        Path dockerfile = paths.existingFile(request.dockerfile(), "Dockerfile");
        DockerfileCheck.requireFromBaseArg(dockerfile);
        for (String name : request.buildArgs().keySet()) {
            if (!BUILD_ARG_NAME.matcher(name).matches()) {
                throw new BadInputException("Build argument name '" + name + "' is not valid; expected letters, digits and '_'");
            }
            if (name.equals(DockerfileCheck.BASE_ARG)) {
                throw new BadInputException("Build argument " + DockerfileCheck.BASE_ARG
                        + " is set by image-lifecycle to the pinned parent; remove it from the build arguments");
            }
        }
        Path sourceDir = request.sourceDir() == null ? null : paths.existingDirectory(request.sourceDir(), "source directory");
        Path outputDir = paths.inside(request.outputDir(), "output directory");
        List<SpecFile> tests = SpecParser.parseBuildTests(request.tests().stream().map(t -> paths.existingFile(t, "test spec")).toList());
        registry.ping(target.registry());
        return new PreparedBuild(role, parent, dockerfile, context, target, request.buildArgs(), sourceDir, outputDir, tests);
    }

    private static PreparedBuild withParent(PreparedBuild b, ParentImage parent) {
        return new PreparedBuild(b.role(), parent, b.dockerfile(), b.context(), b.target(), b.buildArgs(), b.sourceDir(),
                b.outputDir(), b.tests());
    }

    /** How image tests run during a build: parallelism and per-command time limit. */
    public ContainerBuild withTestSettings(int parallelism, Duration commandTimeout) {
        ImageTestRunner.checkSettings(parallelism, commandTimeout);
        this.testParallelism = parallelism;
        this.testTimeout = commandTimeout;
        return this;
    }

    /**
     * Builds, tests and pushes, and writes provenance. Any failure here is a failed attempt
     * ({@link BuildAttemptFailedException}); the local tag of a failed attempt is removed. The
     * attestations are stored afterwards ({@link #attest}), once the pushed digest is on record: a
     * failure then leaves an image the catalog knows, with what is missing.
     */
    public BuiltImage execute(PreparedBuild build, BuildContext context, PrintStream log) {
        // connected before the attempt begins: an engine that cannot be reached is no failed attempt of this build
        DockerEngine docker = engine.get();
        Instant started = Instant.now();
        SourceInfo source = build.sourceDir() == null ? SourceInfo.none() : GitSource.read(build.sourceDir());
        ParentImage parent = build.parent();
        ImageRef target = build.target();
        Map<String, String> labels = OciLabels.of(build.role(), target.repository(), target.tagOrLatest(),
                parent.shownAs(), parent.digest().toString(), source, started);
        labels.put(OciLabels.PARENT, parent.pinned());
        Map<String, String> args = new LinkedHashMap<>(build.buildArgs());
        args.put(DockerfileCheck.BASE_ARG, parent.pinned());
        String imageId = null;
        try {
            log.println("Building " + target + " from " + parent.pinned());
            imageId = docker.build(new BuildSpec(build.context(), build.dockerfile(), args, labels, List.of(target.toString())), log);
            TestReport tests = null;
            String junitFile = null;
            if (!build.tests().isEmpty()) {
                tests = new ImageTestRunner(new DockerContainers(docker), testParallelism, testTimeout).run(imageId, build.tests(), log);
                junitFile = writeFile(build.outputDir(), target.repository().replace('/', '_') + "-tests.xml",
                        JUnitXml.of(tests, target.toString())).toString();
                if (!tests.passed()) {
                    // not pushed; kept on this engine (tagged locally) for a person to inspect
                    throw new TestsFailedException(target.toString(), imageId, tests, junitFile);
                }
            }
            log.println("Pushing " + target);
            Digest digest = docker.push(target, credentials.apply(target.registry()).orElse(null), log);
            Instant finished = Instant.now();
            log.println("Pushed " + target + " as " + target.name() + "@" + digest);
            ObjectNode provenance = provenance(build, context, source, digest, started, finished);
            Path file = writeProvenance(build.outputDir(), target, digest, provenance);
            log.println("Provenance written to " + file);
            ImageRecord record = new ImageRecord(digest.toString(), target.name(), List.of(target.toString()), build.role(),
                    parent.digest().toString(), parent.baseRef(), parent.baseDigest(), finished,
                    tests == null ? Stage.BUILT : Stage.TESTED, null, source.commit(), context.actor(), Json.write(provenance));
            return new BuiltImage(record, target.toString(), file.toString(), imageId, tests, junitFile);
        } catch (TestsFailedException e) {
            throw e;
        } catch (LifecycleException e) {
            if (imageId != null) {
                docker.remove(target.toString());
            }
            throw new BuildAttemptFailedException(target.toString(), e);
        }
    }

    /** Stores a pushed image's provenance and test results beside it, so that promotion carries them along. */
    public void attest(BuiltImage built, PrintStream log) {
        attest(built, null, log);
    }

    /** @param key signs each statement in a DSSE envelope; null: stored bare */
    public void attest(BuiltImage built, SigningKey key, PrintStream log) {
        attest(ImageRef.parse(built.pushedRef()), Digest.parse(built.record().digest()), built.record().provenance(),
                BuildAttestations.testStatement(built), key, log);
    }

    public void attest(ImageRef target, Digest digest, String provenance, String testStatement, PrintStream log) {
        attest(target, digest, provenance, testStatement, null, log);
    }

    public void attest(ImageRef target, Digest digest, String provenance, String testStatement, SigningKey key, PrintStream log) {
        BuildAttestations.store(registry, target, digest, provenance, testStatement, key, log);
    }

    private ObjectNode provenance(PreparedBuild build, BuildContext context, SourceInfo source, Digest digest,
                                  Instant started, Instant finished) {
        ParentImage parent = build.parent();
        SlsaProvenance p = new SlsaProvenance()
                .subject(build.target().name(), digest)
                .buildType(build.role().id() + "/v1")
                .external("target", build.target().toString())
                .external("from", parent.shownAs())
                .external("dockerfile", build.dockerfile().getFileName().toString())
                .external("buildArgs", build.buildArgs())
                .internal("dockerEngine", engine.get().version())
                .imageDependency(parent.name(), parent.digest())
                .sourceDependency(source)
                .builder(context.builderId())
                .invocation(context.invocationId(), started, finished);
        if (build.role() == Role.AUGMENTED && parent.baseDigest() != null) {
            p.external("upstreamBase", parent.baseRef());
        }
        if (build.sourceDir() != null && !source.controlled()) {
            p.external("source", "no source control");
        }
        return p.toJson();
    }

    private static Path writeProvenance(Path outputDir, ImageRef target, Digest digest, ObjectNode provenance) {
        String name = target.repository().replace('/', '_') + "-" + digest.shortHex() + ".provenance.json";
        return writeFile(outputDir, name, Json.pretty(provenance));
    }

    private static Path writeFile(Path outputDir, String name, String content) {
        try {
            Files.createDirectories(outputDir);
            Path file = outputDir.resolve(name);
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new OperationFailedException("Cannot write " + name + " into " + outputDir + ": " + e.getMessage(), e);
        }
    }
}
