package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.view.LifecycleView;
import io.jenkins.plugins.imagelifecycle.view.ViewPage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.io.Writer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the lifecycle view (lineage, environments, health) as one self-contained HTML file.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the report")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path folder = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out) || folder == null || !Files.isDirectory(folder)) {
            throw new io.jenkins.plugins.imagelifecycle.model.BadInputException("--out '" + out
                    + "' is not a file in an existing folder; expected FILE.html where the folder exists");
        }
        try (Catalog catalog = common.openCatalog()) {
            var envs = engine.config().environments().stream().map(Environment::name).toList();
            // written beside the report and moved over it when whole: a failure half-way leaves the old report, not half a new one
            Path partial = folder.resolve("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
            try {
                try (Writer page = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                    // no server answers a file: every image's history is inline
                    ViewPage.writeSelfContained(page, json -> LifecycleView.write(catalog, envs, digest -> true,
                            LifecycleView.History.INLINE, json));
                }
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            spec.commandLine().getOut().println(common.json
                    ? "{\"report\":\"" + out.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"
                    : "Lifecycle view written to " + out.toAbsolutePath());
        }
        return ErrorHandler.OK;
    }
}
