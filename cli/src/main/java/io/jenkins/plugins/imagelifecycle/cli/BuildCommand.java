package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.docker.EngineOnFirstUse;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildOperations;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuiltImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuild;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuildRequest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** What bless and augment share: the build options, the run, and the output. */
abstract class BuildCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--dockerfile", required = true, paramLabel = "FILE",
            description = "Dockerfile, inside the workspace; it must declare ARG BASE_IMAGE and end with FROM $${BASE_IMAGE}")
    String dockerfile;

    @Option(names = "--context", defaultValue = ".", paramLabel = "DIR", description = "Build context inside the workspace (default: .)")
    String context;

    @Option(names = "--target", required = true, paramLabel = "REF", description = "Where to push: registry/repository:tag")
    String target;

    @Option(names = "--build-arg", paramLabel = "K=V", description = "Build argument (repeatable)")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--tests", paramLabel = "FILE",
            description = "container-structure-test spec inside the workspace (repeatable); the image is pushed only when all pass")
    List<String> tests = new ArrayList<>();

    @Mixin
    TestOptions testOptions;

    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace that holds every path given (default: current directory)")
    Path workspace;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = ContainerBuildRequest.DEFAULT_OUTPUT_DIR,
            description = "Where provenance files go, inside the workspace (default: ${DEFAULT-VALUE})")
    String outputDir;

    abstract ContainerBuildRequest request();

    abstract BuiltImage run(BuildOperations operations, Path workspace, ContainerBuildRequest request, PrintStream log);

    @Override
    public Integer call() throws Exception {
        PrintStream log = LogStream.of(spec.commandLine().getErr());
        Path ws = workspace != null ? workspace : Path.of("").toAbsolutePath();
        ContainerBuildRequest request = request();
        testOptions.check();
        String dockerHost = engine.dockerHost();
        try (Catalog catalog = common.openCatalog();
             EngineOnFirstUse docker = new EngineOnFirstUse(() -> DockerEngine.connect(dockerHost))) {
            RegistryClient registry = engine.registry();
            var build = new ContainerBuild(docker, registry, engine.credentials())
                    .withTestSettings(testOptions.parallelism, testOptions.timeout());
            BuiltImage built = run(new BuildOperations(catalog, build, registry, BuildContext.cli(), engine.signingKey()), ws,
                    request, log);
            print(built);
        }
        return ErrorHandler.OK;
    }

    private void print(BuiltImage built) {
        ImageRecord image = built.record();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.MAPPER.valueToTree(built.summary());
            json.set("provenance", Json.read(image.provenance()));
            out.println(Json.write(json));
        } else {
            out.println(image.role().id() + " " + built.pushedRef());
            out.println("  digest:     " + image.digest());
            out.println("  parent:     " + image.parentDigest());
            out.println("  stage:      " + image.stage().id());
            out.println("  provenance: " + built.provenanceFile());
            if (built.tests() != null) {
                out.println("  tests:      " + built.tests().summary() + " (" + built.junitFile() + ")");
            }
        }
    }
}
