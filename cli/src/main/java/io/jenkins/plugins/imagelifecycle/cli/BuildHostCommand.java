package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.lifecycle.HostBuild;
import io.jenkins.plugins.imagelifecycle.lifecycle.HostBuildRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.HostOperations;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "build-host", mixinStandardHelpOptions = true,
        description = "Build host images from a Packer template (validated first), record one host image per artifact "
                + "with provenance; sensitive variables never reach a command line, log or record.")
final class BuildHostCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--template", required = true, paramLabel = "PATH", description = "Template file (.pkr.hcl or JSON) or directory, inside the workspace")
    String template;

    @Option(names = "--var", paramLabel = "K=V", description = "Template variable (repeatable)")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--sensitive-var", paramLabel = "K=V",
            description = "Sensitive variable (repeatable): passed only through an owner-only var file, masked in the log")
    Map<String, String> sensitiveVars = new LinkedHashMap<>();

    @Option(names = "--sensitive-var-env", paramLabel = "K=ENVNAME",
            description = "Sensitive variable read from an environment variable, so the value is not on this command line either (repeatable)")
    Map<String, String> sensitiveVarEnv = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "FILE", description = "Packer var file inside the workspace (repeatable)")
    List<String> varFiles = new ArrayList<>();

    @Option(names = "--tests", paramLabel = "FILE", description = "container-structure-test spec for Docker-builder artifacts (repeatable)")
    List<String> tests = new ArrayList<>();

    @Option(names = "--name", paramLabel = "FAMILY", description = "Host image family (default: hosts/<template name>)")
    String family;

    @Option(names = "--packer", paramLabel = "PATH", description = "Packer binary (default: packer on the PATH)")
    String packer;

    @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "60", description = "Stop Packer after this long (default: ${DEFAULT-VALUE})")
    long timeoutMinutes;

    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace that holds every path given (default: current directory)")
    Path workspace;

    @Option(names = "--docker-host", paramLabel = "URL", description = "Docker engine for image tests (default: $DOCKER_HOST)")
    String dockerHost;

    @Override
    public Integer call() throws Exception {
        Path ws = workspace != null ? workspace : Path.of("").toAbsolutePath();
        Map<String, String> sensitive = new LinkedHashMap<>(sensitiveVars);
        sensitiveVarEnv.forEach((name, envName) -> {
            String value = System.getenv(envName);
            if (value == null) {
                throw new io.jenkins.plugins.imagelifecycle.model.BadInputException("Environment variable " + envName
                        + " (for sensitive variable " + name + ") is not set");
            }
            sensitive.put(name, value);
        });
        HostBuildRequest request = new HostBuildRequest(template, vars, sensitive, varFiles, tests, family, packer,
                timeoutMinutes, null);
        DockerEngine engine = tests.isEmpty() ? null : DockerEngine.connect(EngineOptions.dockerHost(dockerHost));
        try (Catalog catalog = common.openCatalog()) {
            List<ImageRecord> images = new HostOperations(catalog, new HostBuild(engine, System.getenv()), BuildContext.cli())
                    .buildHost(ws, request, LogStream.of(spec.commandLine().getErr()));
            print(images);
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
        return ErrorHandler.OK;
    }

    private void print(List<ImageRecord> images) {
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            ArrayNode list = json.putArray("images");
            images.forEach(i -> list.add(ImageJson.image(i)));
            out.println(Json.write(json));
        } else {
            images.forEach(i -> out.println(i.displayRef() + (i.displayRef().contains(i.digest()) ? "" : " (" + i.digest() + ")")
                    + " " + i.stage().id()));
        }
    }
}
