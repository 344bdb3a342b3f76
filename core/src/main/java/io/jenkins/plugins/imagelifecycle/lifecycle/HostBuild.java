package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.HostImageDetails;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.packer.Packer;
import io.jenkins.plugins.imagelifecycle.packer.ValidatedTemplates;
import io.jenkins.plugins.imagelifecycle.packer.PackerArtifact;
import io.jenkins.plugins.imagelifecycle.packer.PackerBuild;
import io.jenkins.plugins.imagelifecycle.packer.PackerVariables;
import io.jenkins.plugins.imagelifecycle.packer.TemplateFacts;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource;
import io.jenkins.plugins.imagelifecycle.provenance.SlsaProvenance;
import io.jenkins.plugins.imagelifecycle.provenance.SourceInfo;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.SideTask;
import io.jenkins.plugins.imagelifecycle.verify.ImageTestRunner;
import io.jenkins.plugins.imagelifecycle.verify.JUnitXml;
import io.jenkins.plugins.imagelifecycle.verify.SpecFile;
import io.jenkins.plugins.imagelifecycle.verify.SpecParser;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;

/**
 * Builds host images with Packer where the workspace is (an agent, in Jenkins): checks inputs,
 * validates, builds, reads the artifacts, tests Docker-builder artifacts, writes provenance. It reads
 * and writes no catalog.
 */
public final class HostBuild {
    private final DockerEngine engine;
    private final Map<String, String> env;

    /** @param engine for image tests of Docker-builder artifacts; may be null when no tests are asked for */
    public HostBuild(DockerEngine engine, Map<String, String> env) {
        this.engine = engine;
        this.env = env;
    }

    public List<BuiltHostImage> run(Path workspace, HostBuildRequest request, BuildContext context, PrintStream log) {
        WorkspacePaths paths = new WorkspacePaths(workspace);
        Path template = paths.inside(request.template(), "template");
        if (!Files.exists(template)) {
            throw new io.jenkins.plugins.imagelifecycle.model.BadInputException("Template '" + request.template()
                    + "' does not exist in workspace " + workspace);
        }
        List<Path> varFiles = request.varFiles().stream().map(f -> paths.existingFile(f, "var file")).toList();
        List<SpecFile> specs = SpecParser.parseBuildTests(request.tests().stream().map(t -> paths.existingFile(t, "test spec")).toList());
        Path outputDir = paths.inside(request.outputDir(), "output directory");
        Packer packer = Packer.locate(request.packerPath(), env);
        TemplateFacts facts = TemplateFacts.of(template, request.vars());
        String family = request.family() != null && !request.family().isBlank() ? request.family() : familyOf(template);
        try (PackerVariables variables = new PackerVariables(request.vars(), request.sensitiveVars(), varFiles)) {
            ValidatedTemplates validated = ValidatedTemplates.of(env);
            String validation = validated.key(packer.binary(), template, request.vars(), varFiles, request.sensitiveVars().keySet());
            if (validated.validatedBefore(validation)) {
                log.println("Packer " + packer.binary() + ": " + template.getFileName() + " was validated before with these variables;"
                        + " not validated again");
            } else {
                log.println("Packer " + packer.binary() + ": validating " + template.getFileName());
                packer.validate(template, variables.arguments(), variables.secrets());
                validated.remember(validation);
            }
            Instant started = Instant.now();
            // read while Packer runs, as neither depends on the build: the template's Git state, and a connection to the
            // engine that will hold a Docker builder's image (each a tenth of a second or more in a cold JVM: JGit's and
            // docker-java's classes); the engine's failure matters only if its image is read, and then it is reported
            CompletableFuture<SourceInfo> sourceRead = SideTask.start("host-build-git", () -> GitSource.read(Packer.workdirOf(template)));
            CompletableFuture<DockerEngine> contentsEngine = engine == null && "docker".equals(facts.sourceKind())
                    ? SideTask.start("host-build-engine", () -> DockerEngine.connect(env.get("DOCKER_HOST"))) : null;
            try {
                PackerBuild.Result result;
                try {
                    result = new PackerBuild(packer).run(template, variables, Duration.ofMinutes(request.timeoutMinutes()), log);
                } catch (LifecycleException e) {
                    throw new BuildAttemptFailedException(request.template(), e);
                }
                SourceInfo source = SideTask.joined(sourceRead);
                List<BuiltHostImage> built = new ArrayList<>();
                for (PackerArtifact artifact : result.artifacts()) {
                    built.add(image(artifact, template, request, family, result.version(), facts, variables, specs, source, context,
                            started, outputDir, contentsEngine, log));
                }
                return built;
            } finally {
                if (contentsEngine != null) {
                    contentsEngine.thenAccept(HostBuild::closeQuietly);
                }
            }
        }
    }

    private static void closeQuietly(DockerEngine engine) {
        try {
            engine.close();
        } catch (IOException e) {
            // a connection that is closed by the end of the process anyway
        }
    }

    private BuiltHostImage image(PackerArtifact artifact, Path template, HostBuildRequest request, String family, String version,
                                 TemplateFacts facts, PackerVariables variables, List<SpecFile> specs, SourceInfo source,
                                 BuildContext context, Instant started, Path outputDir, CompletableFuture<DockerEngine> contentsEngine,
                                 PrintStream log) {
        String identity = identity(artifact, Packer.workdirOf(template));
        boolean dockerImage = identity.startsWith("sha256:") && artifact.files().isEmpty();
        TestReport tests = null;
        if (!specs.isEmpty()) {
            if (!dockerImage || engine == null) {
                throw new BuildAttemptFailedException(request.template(), new OperationFailedException("Artifact "
                        + artifact.id() + " is not a Docker image: image tests run only on Docker-builder artifacts"));
            }
            tests = new ImageTestRunner(new DockerContainers(engine), ImageTestRunner.DEFAULT_PARALLELISM,
                    ImageTestRunner.DEFAULT_TIMEOUT).run(identity, specs, log);
            String junit = write(outputDir, family.replace('/', '_') + "-host-tests.xml", JUnitXml.of(tests, family)).toString();
            if (!tests.passed()) {
                throw new TestsFailedException(request.template(), identity, tests, junit);
            }
        }
        Instant finished = Instant.now();
        String builder = artifact.builderId() == null ? "unknown" : artifact.builderId();
        SlsaProvenance p = new SlsaProvenance().subject(family, Digest.parse(identity.startsWith("sha256:") ? identity
                        : Digest.sha256(identity).toString()))
                .buildType("host/v1")
                .external("template", request.template())
                .external("variables", variables.recordable())
                .external("artifactId", artifact.id())
                .internal("packerVersion", version)
                .internal("builderId", builder)
                .sourceDependency(source)
                .builder(context.builderId())
                .invocation(context.invocationId(), started, finished);
        var templateDep = Json.object().put("uri", "file:" + request.template());
        templateDep.putObject("digest").put("sha256", facts.sha256());
        var statement = p.toJson();
        ((com.fasterxml.jackson.databind.node.ArrayNode) statement.at("/predicate/buildDefinition/resolvedDependencies")).add(templateDep);
        if (facts.sourceImage() != null) {
            statement.with("predicate").with("buildDefinition").with("externalParameters").put("sourceImage", facts.sourceImage());
        }
        Path provenanceFile = write(outputDir, family.replace('/', '_') + "-" + shortId(identity) + ".provenance.json",
                Json.pretty(statement));
        String baseDigest = facts.sourceImage() != null && facts.sourceImage().contains("@sha256:")
                ? facts.sourceImage().substring(facts.sourceImage().indexOf('@') + 1) : null;
        ImageRecord record = new ImageRecord(identity, family, List.of(family + "@" + artifact.id()), Role.HOST, baseDigest,
                facts.sourceImage(), baseDigest, finished, tests == null ? Stage.BUILT : Stage.TESTED, null, source.commit(),
                context.actor(), Json.write(statement));
        HostImageDetails details = new HostImageDetails(identity, artifact.build(), builder, artifact.id(), artifact.description(),
                artifact.files(), request.template(), facts.sha256(), version, variables.recordable(), facts.sourceImage(),
                facts.sourceKind());
        log.println("Host image " + family + ": " + artifact.id() + (identity.equals(artifact.id()) ? "" : " (" + identity + ")"));
        ImageContentsOperation.Reading contents = dockerImage ? contentsFromEngine(identity, finished, contentsEngine)
                : ImageContentsOperation.notReadable("a " + builder + " artifact, " + artifact.id(), finished);
        return new BuiltHostImage(record, details, provenanceFile.toString(), tests, contents);
    }

    /**
     * From the engine that holds the artifact: the one given for tests, else the build environment's (connected while
     * Packer ran, when the template's source is a Docker image; closed by the caller).
     */
    private ImageContentsOperation.Reading contentsFromEngine(String imageId, Instant at, CompletableFuture<DockerEngine> connected) {
        if (engine != null) {
            return ImageContentsOperation.readFromEngine(engine, imageId, at);
        }
        if (connected != null) {
            try {
                return ImageContentsOperation.readFromEngine(SideTask.joined(connected), imageId, at);
            } catch (RuntimeException e) {
                return new ImageContentsOperation.Reading(null, "no Docker engine to read " + imageId + " from: " + e.getMessage(), null,
                        false, null, at);
            }
        }
        try (DockerEngine own = DockerEngine.connect(env.get("DOCKER_HOST"))) {
            return ImageContentsOperation.readFromEngine(own, imageId, at);
        } catch (RuntimeException | IOException e) {
            return new ImageContentsOperation.Reading(null, "no Docker engine to read " + imageId + " from: " + e.getMessage(), null,
                    false, null, at);
        }
    }

    /** A Docker image id as is; a file artifact by its sha256; anything else as builder:id. */
    static String identity(PackerArtifact artifact, Path workdir) {
        if (artifact.id() != null && Digest.isDigest(artifact.id()) && artifact.files().isEmpty()) {
            return artifact.id();
        }
        if (!artifact.files().isEmpty()) {
            Path file = workdir.resolve(artifact.files().get(0));
            try {
                return Digest.sha256(Files.readAllBytes(file)).toString();
            } catch (IOException e) {
                throw new OperationFailedException("Cannot read artifact file " + file + ": " + e.getMessage(), e);
            }
        }
        return artifact.builderId() + ":" + artifact.id();
    }

    private static String familyOf(Path template) {
        String name = template.getFileName().toString().replaceFirst("\\.pkr\\.(hcl|json)$", "").replaceFirst("\\.json$", "");
        return "hosts/" + name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    private static String shortId(String identity) {
        String hex = identity.substring(identity.indexOf(':') + 1).replaceAll("[^A-Za-z0-9]", "");
        return hex.substring(0, Math.min(12, hex.length()));
    }

    private static Path write(Path dir, String name, String content) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new OperationFailedException("Cannot write " + name + " into " + dir + ": " + e.getMessage(), e);
        }
    }
}
