package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.FilePath;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesMarkdown;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesOperation;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;

/**
 * After a build step's push: the image's contents read and its SBOM stored from the agent, recorded on the
 * controller, and release notes against the previous version of its family written to the workspace.
 * Neither fails the build: a failure is an event on record and a line in the log.
 */
final class BuildContents {
    /** The SBOM attestation's digest, the release notes' file and text; each null when there is none. */
    record Outcome(String sbom, String releaseNotesFile, String releaseNotesMarkdown) {
    }

    private BuildContents() {
    }

    /** @param signingKey signs the SBOM, which the controller then stores; empty: the agent stores it unsigned */
    static Outcome after(Catalog catalog, ImageRecord image, FilePath workspace, AgentSetup setup, String actor, String sourceDir,
                         String outputDir, Optional<SigningKey> signingKey, PrintStream log) throws IOException, InterruptedException {
        Instant at = Instant.now();
        ImageContentsOperation.Reading reading;
        try {
            reading = workspace.act(new ContentsCallable(image, setup, at, signingKey.isEmpty()));
        } catch (IOException e) {
            // the image is pushed and recorded: a lost agent is a reading that failed, on record, not a failed build
            reading = new ImageContentsOperation.Reading(null, "the agent could not read it: " + e.getMessage(), null, false, null, at);
        }
        if (signingKey.isPresent()) {
            // the layers streamed through the agent; the signed SBOM is small, and the key never leaves the controller
            reading = ImageContentsOperation.attestSbom(setup.controllerRegistry(), image, reading, signingKey.get());
        }
        try {
            new ImageContentsOperation(catalog, null, Clock.systemUTC()).record(image, reading, actor, log);
        } catch (LifecycleException e) {
            log.println("Contents of " + image.displayRef() + " not read: " + e.getMessage());
            return new Outcome(null, null, null);
        }
        Optional<ReleaseNotes> notes = new ReleaseNotesOperation(catalog, missing -> { })
                .againstPrevious(image, (from, to) -> commits(workspace, sourceDir, from, to));
        if (notes.isEmpty()) {
            return new Outcome(reading.sbom(), null, null);
        }
        String markdown = ReleaseNotesMarkdown.render(notes.get());
        String name = image.repository().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + Digest.parse(image.digest()).shortHex()
                + ".release-notes.md";
        try {
            String file = workspace.act(new ReleaseNotesFileCallable(outputDir, name, markdown));
            log.println("Release notes since " + notes.get().since().ref() + ": " + file);
            return new Outcome(reading.sbom(), file, markdown);
        } catch (IOException e) {
            log.println("Release notes since " + notes.get().since().ref() + " not written to the workspace (" + e.getMessage()
                    + "); they are on the run page");
            return new Outcome(reading.sbom(), null, markdown);
        }
    }

    private static Optional<List<GitSource.Commit>> commits(FilePath workspace, String sourceDir, String from, String to) {
        try {
            return Optional.ofNullable(workspace.act(new CommitsCallable(sourceDir, from, to)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
