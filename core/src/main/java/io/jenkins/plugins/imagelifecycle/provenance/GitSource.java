package io.jenkins.plugins.imagelifecycle.provenance;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads commit, branch, remote and dirty state of a source directory through JGit. */
public final class GitSource {
    private GitSource() {
    }

    public static SourceInfo read(Path sourceDir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(sourceDir.toFile());
        if (builder.getGitDir() == null) {
            return SourceInfo.none();
        }
        try (Repository repository = builder.build(); Git git = new Git(repository)) {
            ObjectId head = repository.resolve("HEAD");
            if (head == null) {
                return new SourceInfo(true, null, repository.getBranch(), remote(repository), true);
            }
            boolean dirty = !git.status().call().isClean();
            return new SourceInfo(true, head.name(), repository.getBranch(), remote(repository), dirty);
        } catch (IOException | GitAPIException e) {
            throw new OperationFailedException("Cannot read the Git repository of " + sourceDir + ": " + e.getMessage(), e);
        }
    }

    /** A commit as release notes list it: its id and the first line of its message. */
    public record Commit(String id, String subject) implements java.io.Serializable {
    }

    /**
     * The commits reachable from {@code to} and not from {@code from}, newest first; empty when the
     * folder is no Git repository or lacks either commit (a clone without that history).
     */
    public static Optional<List<Commit>> commitsBetween(Path sourceDir, String from, String to) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(sourceDir.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repository = builder.build(); Git git = new Git(repository)) {
            ObjectId since = resolveCommit(repository, from);
            ObjectId until = resolveCommit(repository, to);
            if (since == null || until == null) {
                return Optional.empty();
            }
            List<Commit> out = new ArrayList<>();
            for (RevCommit c : git.log().addRange(since, until).call()) {
                out.add(new Commit(c.name(), c.getShortMessage()));
            }
            return Optional.of(out);
        } catch (IOException | GitAPIException e) {
            return Optional.empty();
        }
    }

    private static ObjectId resolveCommit(Repository repository, String id) throws IOException {
        if (id == null || !id.matches("[0-9a-f]{7,64}")) {
            return null;
        }
        try {
            ObjectId object = repository.resolve(id + "^{commit}");
            return object != null && repository.getObjectDatabase().has(object) ? object : null;
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
            return null;
        }
    }

    private static String remote(Repository repository) {
        String url = repository.getConfig().getString("remote", "origin", "url");
        return url == null ? null : stripUserInfo(url);
    }

    /** Removes {@code user:password@} from a URL so that no credential reaches a record. */
    public static String stripUserInfo(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getUserInfo() != null && uri.getScheme() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(),
                        uri.getFragment()).toString();
            }
            return url;
        } catch (URISyntaxException e) {
            // scp-like "user@host:path": keep the host and path only
            return url.replaceFirst("^[^@/]+@", "");
        }
    }
}
