package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageTestOperation;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.verify.JUnitXml;
import io.jenkins.plugins.imagelifecycle.verify.SpecFile;
import io.jenkins.plugins.imagelifecycle.verify.SpecParser;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import io.jenkins.plugins.imagelifecycle.verify.TestResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run container-structure-test specs against an image of the catalog (by its recorded digest) "
                + "and record the results; exit 1 when a test fails.")
final class TestCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Mixin
    TestOptions testOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Reference or sha256: digest of a catalog image")
    String image;

    @Option(names = "--tests", required = true, arity = "1..*", paramLabel = "FILE", description = "container-structure-test YAML file(s)")
    List<Path> tests = new ArrayList<>();

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML here")
    Path junit;

    @Override
    public Integer call() throws IOException {
        PrintStream log = LogStream.of(spec.commandLine().getErr());
        testOptions.check();
        var specs = SpecParser.requireTests(SpecParser.readAll(tests));
        requireJunitFolder();
        String dockerHost = engine.dockerHost();
        try (Catalog catalog = common.openCatalog()) {
            ImageTestOperation operation = new ImageTestOperation(catalog);
            // the engine is asked only once the image is known: an unknown image is bad input whether an engine runs or not
            ImageRecord target = operation.target(image);
            try (DockerEngine docker = DockerEngine.connect(dockerHost)) {
                return run(operation, target, specs, docker, log);
            }
        }
    }

    private int run(ImageTestOperation operation, ImageRecord target, List<SpecFile> specs,
                    DockerEngine docker, PrintStream log) throws IOException {
        TestReport report = ImageTestOperation.runOn(docker, target, specs,
                ImageTestOperation.runner(docker, testOptions.parallelism, testOptions.timeout()), engine.credentials(), log);
        operation.record(target, report, Actor.cliUser());
        if (junit != null) {
            writeJunit(report, target);
        }
        print(target, report);
        return report.passed() ? ErrorHandler.OK : ErrorHandler.FAILED;
    }

    /** Checked before the run, so that a bad --junit never leaves a recorded run behind an exit 2. */
    private void requireJunitFolder() {
        if (junit == null) {
            return;
        }
        Path parent = junit.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new BadInputException("--junit '" + junit + "' is in a folder that does not exist; expected a file in an existing folder");
        }
        if (Files.isDirectory(junit)) {
            throw new BadInputException("--junit '" + junit + "' is a folder; expected a file path");
        }
    }

    private void writeJunit(TestReport report, ImageRecord target) throws IOException {
        Files.writeString(junit, JUnitXml.of(report, target.displayRef()));
    }

    private void print(ImageRecord target, TestReport report) {
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object();
            json.put("image", target.displayRef());
            json.put("digest", target.digest());
            json.put("result", report.passed() ? "PASSED" : "FAILED");
            json.put("passed", report.passedCount());
            json.put("failed", report.failedCount());
            var results = json.putArray("tests");
            for (TestResult r : report.results()) {
                results.addObject().put("name", r.name()).put("kind", r.kind()).put("passed", r.passed())
                        .put("durationMillis", r.durationMillis()).put("message", r.message());
            }
            json.put("junit", junit == null ? null : junit.toAbsolutePath().toString());
            out.println(Json.write(json));
        } else {
            out.println((report.passed() ? "PASSED " : "FAILED ") + target.displayRef() + ": " + report.summary());
        }
    }
}
