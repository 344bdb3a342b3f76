package io.jenkins.plugins.imagelifecycle.releasenotes;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.FileEntry;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes.Side;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Release notes between two catalog images: by default an image and the one before it in its family (the
 * newest earlier image of the same repository and role that did not fail its build or tests).
 */
public final class ReleaseNotesOperation {
    private final Catalog catalog;
    private final Consumer<ImageRecord> readContents;

    /** @param readContents reads and records an image's contents when the catalog has none yet (images recorded before contents were read) */
    public ReleaseNotesOperation(Catalog catalog, Consumer<ImageRecord> readContents) {
        this.catalog = catalog;
        this.readContents = readContents;
    }

    /** The image before {@code image} in its family, if any. */
    public Optional<ImageRecord> previous(ImageRecord image) {
        return previous(image, catalog.images());
    }

    /** The image before {@code image} in its family, among {@code images} (a view that has loaded them all). */
    public static Optional<ImageRecord> previous(ImageRecord image, Collection<ImageRecord> images) {
        return images.stream()
                .filter(i -> i.repository().equals(image.repository()) && i.role() == image.role())
                .filter(i -> !i.digest().equals(image.digest()) && i.stage() != Stage.FAILED)
                .filter(i -> i.createdAt().isBefore(image.createdAt()))
                .max(Comparator.comparing(ImageRecord::createdAt));
    }

    /**
     * @param since      the image to compare with, or null for the previous one of its family
     * @param commitLog  where the commits between the two source commits may be found
     * @throws NotFoundException when {@code since} is null and the image is the first of its family, or
     *                           when either image's contents could not be read
     */
    public ReleaseNotes between(ImageRecord image, ImageRecord since, CommitLog commitLog) {
        ImageRecord before = since != null ? since : previous(image).orElseThrow(() -> new NotFoundException(
                image.displayRef() + " is the first image of " + image.repository() + " in the catalog: there is no previous "
                        + "version to compare it with (name one with --since)"));
        if (before.digest().equals(image.digest())) {
            throw new BadInputException("--since names " + before.displayRef() + ", the image itself: expected an earlier version");
        }
        ReleaseNotesComparison.Inventory a = inventory(before);
        ReleaseNotesComparison.Inventory b = inventory(image);
        List<GitSource.Commit> commits;
        if (before.sourceCommit() == null || image.sourceCommit() == null) {
            commits = null;
        } else if (before.sourceCommit().equals(image.sourceCommit())) {
            commits = List.of(); // a rebuild from the same source: no repository needed to know that
        } else {
            commits = commitLog.between(before.sourceCommit(), image.sourceCommit()).orElse(null);
        }
        return ReleaseNotesComparison.compare(a, b, commits);
    }

    /**
     * Against the previous image of its family, when there is one and both images' contents are on
     * record; empty otherwise (a first version, contents that could not be read).
     */
    public Optional<ReleaseNotes> againstPrevious(ImageRecord image, CommitLog commitLog) {
        return previous(image).flatMap(before -> betweenWhenKnown(image, before, commitLog));
    }

    /** As {@link #between}, or empty when the contents of either image are not on record or could not be read. */
    public Optional<ReleaseNotes> betweenWhenKnown(ImageRecord image, ImageRecord since, CommitLog commitLog) {
        try {
            return Optional.of(between(image, since, commitLog));
        } catch (NotFoundException contentsNotKnown) {
            return Optional.empty();
        }
    }

    private ReleaseNotesComparison.Inventory inventory(ImageRecord image) {
        ContentsStore store = new ContentsStore(catalog);
        if (store.summary(image.digest()).isEmpty()) {
            readContents.accept(image);
        }
        ContentsStore.Summary summary = store.summary(image.digest()).orElseThrow(() -> new NotFoundException(
                "The contents of " + image.displayRef() + " are not on record: run contents --image " + image.digest()));
        if (!summary.readable()) {
            throw new NotFoundException("The contents of " + image.displayRef() + " could not be read (" + summary.failure()
                    + "): there is nothing to compare");
        }
        List<FileEntry> files = store.files(image.digest());
        long size = files.stream().filter(FileEntry::isRegularFile).mapToLong(FileEntry::size).sum();
        Side side = new Side(image.displayRef(), image.digest(), image.createdAt().toString(), image.sourceCommit(),
                image.baseDigest(), summary.os().prettyName() == null ? summary.os().id() : summary.os().prettyName(),
                summary.os().versionId(), summary.layers().size(), size, summary.packageCount(), summary.fileCount());
        Map<String, String> tests = catalog.latestTestRun(image.digest()).map(TestRunRecord::junitXml).map(TestOutcomes::of)
                .orElse(Map.of());
        return new ReleaseNotesComparison.Inventory(side, store.packages(image.digest()), files, tests);
    }
}
