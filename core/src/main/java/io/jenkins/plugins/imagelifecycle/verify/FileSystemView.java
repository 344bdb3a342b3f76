package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerFile;
import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The image's files, read through one created container that is made on first use and removed at close. */
final class FileSystemView implements AutoCloseable {
    /** Linux's own limit on symbolic links followed in one lookup. */
    private static final int MAX_LINKS = 40;

    private final DockerContainers containers;
    private final String image;
    private String containerId;

    FileSystemView(DockerContainers containers, String image) {
        this.containers = containers;
        this.image = image;
    }

    /** The entry at {@code path}; a symbolic link is the link itself, as CST's existence test sees it. */
    synchronized Optional<ContainerFile> read(String path) {
        return containers.readFile(container(), path);
    }

    /**
     * The entry at {@code path} with symbolic links followed, as CST's content test reads a file. A relative
     * target is resolved against the link's folder (CST's resolves it against /, which agrees whenever the
     * link's folder is / or the target climbs to / with {@code ..}).
     */
    synchronized Optional<ContainerFile> readFollowing(String path) {
        String current = path;
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            Optional<ContainerFile> found = containers.readFile(container(), current);
            if (found.isEmpty() || !found.get().symlink()) {
                return found;
            }
            String target = found.get().linkTarget();
            current = target.startsWith("/") ? target : parent(current) + "/" + target;
        }
        throw new IllegalStateException(path + " is a loop of more than " + MAX_LINKS + " symbolic links");
    }

    /** Every entry under {@code path}, named as in the archive, with the content of the files {@code keepContent} names. */
    synchronized List<ContainerFile> tree(String path, Predicate<String> keepContent) {
        return containers.readTree(container(), path, keepContent);
    }

    private String container() {
        if (containerId == null) {
            containerId = containers.createStopped(image);
        }
        return containerId;
    }

    private static String parent(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        return slash <= 0 ? "" : trimmed.substring(0, slash);
    }

    @Override
    public synchronized void close() {
        if (containerId != null) {
            containers.removeQuietly(containerId);
            containerId = null;
        }
    }
}
