package io.jenkins.plugins.imagelifecycle.releasenotes;

import io.jenkins.plugins.imagelifecycle.provenance.GitSource;
import io.jenkins.plugins.imagelifecycle.provenance.GitSource.Commit;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where release notes find the commits between two source commits: a Git working tree on this machine
 * (the CLI), one on a Jenkins agent, or nowhere (the lifecycle view).
 */
@FunctionalInterface
public interface CommitLog {
    CommitLog NONE = (from, to) -> Optional.empty();

    /** The commits reachable from {@code to} and not from {@code from}, newest first; empty when they are not at hand. */
    Optional<List<Commit>> between(String from, String to);

    static CommitLog of(Path workingTree) {
        return (from, to) -> GitSource.commitsBetween(workingTree, from, to);
    }
}
