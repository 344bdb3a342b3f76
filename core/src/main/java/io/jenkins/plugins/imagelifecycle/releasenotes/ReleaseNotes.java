package io.jenkins.plugins.imagelifecycle.releasenotes;

import io.jenkins.plugins.imagelifecycle.provenance.GitSource.Commit;
import java.util.List;

/**
 * What changed from one image to the next of its family: the upstream base, the packages (by each
 * ecosystem's own version order), the source commits, the tests, the layers and the files. Its JSON form
 * is a documented contract (docs/cli-json.md): fields are added, never renamed or removed.
 *
 * @param image the newer image
 * @param since the image it is compared with
 */
public record ReleaseNotes(Side image, Side since, BaseChange base, PackageChanges packages, SourceChanges source,
                           TestChanges tests, FileChanges files) {

    /** One of the two images. {@code size}: bytes of its regular files. */
    public record Side(String ref, String digest, String createdAt, String sourceCommit, String baseDigest, String os,
                       String osVersion, int layers, long size, int packageCount, long fileCount) {
    }

    /** The upstream base of each, and its os-release version. */
    public record BaseChange(boolean changed, String before, String after, String osVersionBefore, String osVersionAfter) {
    }

    /** A package present in both, or in one ({@code before} or {@code after} null). */
    public record PackageChange(String ecosystem, String name, String architecture, String before, String after) {
    }

    public record PackageChanges(List<PackageChange> added, List<PackageChange> removed, List<PackageChange> upgraded,
                                 List<PackageChange> downgraded) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && upgraded.isEmpty() && downgraded.isEmpty();
        }
    }

    /**
     * The commits between the two source commits, newest first, when the repository holding both was at
     * hand ({@code commits} null otherwise: only the two ids are known).
     */
    public record SourceChanges(String before, String after, List<Commit> commits) {
    }

    /** A test by its suite-qualified name; its outcome {@code passed} or {@code failed}, null where it did not run. */
    public record TestChange(String name, String before, String after) {
    }

    public record TestChanges(List<TestChange> added, List<TestChange> removed, List<TestChange> changed) {
    }

    /** A file added, removed or changed (its bytes, type, mode or link), sizes in bytes. */
    public record FileChange(String path, String change, long sizeBefore, long sizeAfter) {
        public long sizeDelta() {
            return Math.abs(sizeAfter - sizeBefore);
        }
    }

    /** Counts, and the largest changes by size difference (at most {@code ReleaseNotesComparison.LARGEST}). */
    public record FileChanges(int added, int removed, int changed, List<FileChange> largest) {
    }
}
