package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation;
import io.jenkins.plugins.imagelifecycle.model.Actor;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.releasenotes.CommitLog;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesMarkdown;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesOperation;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.File;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "release-notes", mixinStandardHelpOptions = true,
        description = "What changed between two images of a family: base, packages, source commits, tests, layers and files. "
                + "Markdown, or the documented JSON with --json.")
final class ReleaseNotesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Reference or sha256: digest of a catalog image")
    String image;

    @Option(names = "--since", paramLabel = "REF", description = "The image to compare with (default: the previous image of the same family)")
    String since;

    @Option(names = "--source", paramLabel = "DIR", description = "Git working tree holding both source commits (default: the current directory)")
    File source = new File(".");

    @Override
    public Integer call() {
        if (!source.isDirectory()) {
            // checked first: otherwise the contents of both images are read (and recorded) before the commits are looked for
            throw new BadInputException("--source '" + source + "' is not a folder; expected the Git working tree that holds both "
                    + "source commits");
        }
        try (Catalog catalog = common.openCatalog()) {
            ImageRecord record = catalog.require(image);
            ImageRecord before = since == null ? null : catalog.require(since);
            ImageContentsOperation contents = new ImageContentsOperation(catalog, engine.registry(), Clock.systemUTC());
            ReleaseNotes notes = new ReleaseNotesOperation(catalog,
                    missing -> contents.read(missing, Actor.cliUser(), LogStream.of(spec.commandLine().getErr())))
                    .between(record, before, CommitLog.of(source.toPath()));
            PrintWriter out = spec.commandLine().getOut();
            out.print(common.json ? Json.write(notes) + "\n" : ReleaseNotesMarkdown.render(notes));
            out.flush(); // print, unlike println, does not flush picocli's writer

        }
        return ErrorHandler.OK;
    }
}
