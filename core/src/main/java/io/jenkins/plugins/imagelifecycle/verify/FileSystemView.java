package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerFile;
import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import java.util.Optional;

/** The image's files, read through one created container that is made on first use and removed at close. */
final class FileSystemView implements AutoCloseable {
    private final DockerContainers containers;
    private final String image;
    private String containerId;

    FileSystemView(DockerContainers containers, String image) {
        this.containers = containers;
        this.image = image;
    }

    synchronized Optional<ContainerFile> read(String path) {
        if (containerId == null) {
            containerId = containers.createStopped(image);
        }
        return containers.readFile(containerId, path);
    }

    @Override
    public synchronized void close() {
        if (containerId != null) {
            containers.removeQuietly(containerId);
            containerId = null;
        }
    }
}
