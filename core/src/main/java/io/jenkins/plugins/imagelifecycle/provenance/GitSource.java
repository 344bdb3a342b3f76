package io.jenkins.plugins.imagelifecycle.provenance;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
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
