package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.VerifySettings;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.verify.ImageTestRunner;
import io.jenkins.plugins.imagelifecycle.verify.SmokeCommand;
import io.jenkins.plugins.imagelifecycle.verify.SpecFile;
import io.jenkins.plugins.imagelifecycle.verify.SpecParser;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import io.jenkins.plugins.imagelifecycle.verify.TestResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Verifies on this machine: the specs (paths resolved against {@code baseDir}) run on the local engine against
 * the promoted copy, pulled by digest, and the command runs here with the copy in {@code IMAGE}.
 */
public final class LocalPlacementVerifier implements PlacementVerifier {
    private final Path baseDir;
    private final Supplier<DockerEngine> engine;
    private final Function<String, Optional<RegistryCredentials>> credentials;
    private final Map<String, String> environment;

    /** The command inherits this process's environment. */
    public LocalPlacementVerifier(Path baseDir, Supplier<DockerEngine> engine, Function<String, Optional<RegistryCredentials>> credentials) {
        this(baseDir, engine, credentials, Map.of());
    }

    /** @param environment added to the command's environment (a Jenkins build's variables), under IMAGE and the others */
    public LocalPlacementVerifier(Path baseDir, Supplier<DockerEngine> engine, Function<String, Optional<RegistryCredentials>> credentials,
                                  Map<String, String> environment) {
        this.baseDir = baseDir;
        this.engine = engine;
        this.credentials = credentials;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void prepare(Environment env) {
        specs(env.verify());
    }

    private List<SpecFile> specs(VerifySettings verify) {
        if (verify == null || verify.tests().isEmpty()) {
            return List.of();
        }
        return SpecParser.requireTests(SpecParser.readAll(verify.tests().stream().map(baseDir::resolve).toList()));
    }

    @Override
    public TestReport verify(Environment env, String image, boolean containerImage, PrintStream log) {
        VerifySettings verify = env.verify();
        Instant started = Instant.now();
        List<SpecFile> specs = specs(verify);
        List<TestResult> results = new ArrayList<>();
        List<TestReport.SpecRef> specRefs = new ArrayList<>();
        if (!specs.isEmpty()) {
            try (DockerEngine docker = engine.get()) {
                if (containerImage) {
                    ImageRef pinned = ImageRef.parse(image);
                    docker.pullIfMissing(pinned, credentials.apply(pinned.registry()).orElse(null), log);
                }
                TestReport report = ImageTestOperation.runner(docker, ImageTestRunner.DEFAULT_PARALLELISM, verify.timeoutDuration())
                        .run(image, specs, log);
                results.addAll(report.results());
                specRefs.addAll(report.specs());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (!verify.command().isEmpty()) {
            log.println("Verifying " + image + " in " + env.name() + ": " + String.join(" ", verify.command()));
            Map<String, String> vars = new java.util.HashMap<>(environment);
            vars.putAll(commandEnvironment(env, image));
            results.add(SmokeCommand.run(verify.command(), vars, verify.timeoutDuration(), log));
        }
        return new TestReport(image, specRefs, results, started, Instant.now());
    }

    /** What a smoke test needs to find the deployed copy. */
    public static Map<String, String> commandEnvironment(Environment env, String image) {
        int at = image.indexOf('@');
        return Map.of("IMAGE", image, "IMAGE_DIGEST", at < 0 ? "" : image.substring(at + 1), "ENVIRONMENT", env.name());
    }
}
