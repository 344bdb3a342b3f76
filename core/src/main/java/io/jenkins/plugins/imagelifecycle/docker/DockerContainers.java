package io.jenkins.plugins.imagelifecycle.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Containers for image tests: run a command in a fresh container with a time limit, read files from a
 * created (never started) container's archive, read an image's config. Every container made here is
 * removed again, also on timeout and failure.
 */
public final class DockerContainers {
    private final DockerClient client;

    public DockerContainers(DockerEngine engine) {
        this.client = engine.client();
    }

    /**
     * Runs {@code command} (entrypoint) with {@code args} in a new container of {@code image}.
     * The image's own entrypoint and cmd are replaced, as container-structure-test does.
     */
    public CommandOutput run(String image, List<String> command, List<String> env, Duration timeout) {
        return run(image, command, env, ContainerSettings.DEFAULT, timeout);
    }

    /** As {@link #run(String, List, List, Duration)}, the container created with {@code settings}. */
    public CommandOutput run(String image, List<String> command, List<String> env, ContainerSettings settings, Duration timeout) {
        String id = create(image, command, env, settings);
        try {
            client.startContainerCmd(id).exec();
            Integer code = client.waitContainerCmd(id).start().awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new CommandOutput(code, logs(id, StreamType.STDOUT), logs(id, StreamType.STDERR), false);
        } catch (com.github.dockerjava.api.exception.DockerClientException e) {
            if (String.valueOf(e.getMessage()).contains("Awaiting status code timeout")) {
                return new CommandOutput(-1, logs(id, StreamType.STDOUT), logs(id, StreamType.STDERR), true);
            }
            throw e;
        } finally {
            removeQuietly(id);
        }
    }

    private String create(String image, List<String> command, List<String> env, ContainerSettings settings) {
        HostConfig host = HostConfig.newHostConfig().withPrivileged(settings.privileged())
                .withBinds(settings.binds().stream().map(Bind::parse).toList());
        if (!settings.capabilities().isEmpty()) {
            host.withCapAdd(settings.capabilities().stream().map(Capability::valueOf).toArray(Capability[]::new));
        }
        var create = client.createContainerCmd(image)
                .withEntrypoint(command.subList(0, 1))
                .withCmd(command.subList(1, command.size()))
                .withEnv(env)
                .withTty(settings.tty())
                .withHostConfig(host)
                .withLabels(Map.of("io.jenkins.image-lifecycle.test", "true"));
        if (settings.user() != null && !settings.user().isEmpty()) {
            create.withUser(settings.user());
        }
        return create.exec().getId();
    }

    /**
     * Runs setup commands one after another, each in a container of the previous result, and commits
     * the last one: the image the command test then runs in. The caller removes it. A setup command's
     * exit status is not looked at, as container-structure-test does not look at it; one still running at
     * the time limit is committed as it stands.
     */
    public String commitAfter(String image, List<List<String>> setup, List<String> env, ContainerSettings settings,
                              Duration timeout) {
        String current = image;
        List<String> made = new ArrayList<>();
        try {
            for (List<String> step : setup) {
                String id = create(current, step, env, settings);
                try {
                    client.startContainerCmd(id).exec();
                    awaitQuietly(id, timeout);
                    current = client.commitCmd(id).exec();
                    made.add(current);
                } finally {
                    removeQuietly(id);
                }
            }
            String result = current;
            made.remove(result);
            return result;
        } finally {
            made.forEach(this::removeImageQuietly);
        }
    }

    private void awaitQuietly(String id, Duration timeout) {
        try {
            client.waitContainerCmd(id).start().awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (com.github.dockerjava.api.exception.DockerClientException e) {
            if (!String.valueOf(e.getMessage()).contains("Awaiting status code timeout")) {
                throw e;
            }
        }
    }

    /** A container that is created but never started: its file system can be read without a shell. */
    public String createStopped(String image) {
        return client.createContainerCmd(image).withEntrypoint("/nonexistent-never-started")
                .withLabels(Map.of("io.jenkins.image-lifecycle.test", "true")).exec().getId();
    }

    /** The entry at {@code path} of a created container (a symbolic link itself, not followed), or empty when there is none. */
    public Optional<ContainerFile> readFile(String containerId, String path) {
        List<ContainerFile> entries = readArchive(containerId, path, true, name -> true);
        return entries.isEmpty() ? Optional.empty()
                : Optional.of(entries.get(0)).map(e -> new ContainerFile(path, e.mode(), e.uid(), e.gid(), e.kind(), e.linkTarget(), e.content()));
    }

    /**
     * Every entry of the archive of {@code path} (a folder is archived with everything below it), named as in
     * the archive ({@code doc/apt/copyright} for {@code /usr/share/doc}), with the content only of the regular
     * files {@code keepContent} accepts. Empty when the path does not exist.
     */
    public List<ContainerFile> readTree(String containerId, String path, Predicate<String> keepContent) {
        return readArchive(containerId, path, false, keepContent);
    }

    private List<ContainerFile> readArchive(String containerId, String path, boolean firstOnly, Predicate<String> keepContent) {
        List<ContainerFile> entries = new ArrayList<>();
        try (InputStream archive = client.copyArchiveFromContainerCmd(containerId, path).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                boolean keep = entry.isFile() && keepContent.test(entry.getName());
                entries.add(new ContainerFile(entry.getName(), entry.getMode() & 07777, (int) entry.getLongUserId(),
                        (int) entry.getLongGroupId(), kind(entry), entry.isSymbolicLink() ? entry.getLinkName() : null,
                        keep ? tar.readAllBytes() : new byte[0]));
                if (firstOnly) {
                    break;
                }
            }
            return entries;
        } catch (NotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + " from container " + containerId + ": " + e.getMessage(), e);
        }
    }

    private static ContainerFile.Kind kind(TarArchiveEntry entry) {
        if (entry.isDirectory()) {
            return ContainerFile.Kind.DIRECTORY;
        } else if (entry.isSymbolicLink()) {
            return ContainerFile.Kind.SYMLINK;
        } else if (entry.isCharacterDevice()) {
            return ContainerFile.Kind.CHAR_DEVICE;
        } else if (entry.isBlockDevice()) {
            return ContainerFile.Kind.BLOCK_DEVICE;
        } else if (entry.isFIFO()) {
            return ContainerFile.Kind.FIFO;
        }
        return ContainerFile.Kind.FILE;
    }

    public ImageConfig config(String image) {
        InspectImageResponse inspect = client.inspectImageCmd(image).exec();
        ContainerConfig c = inspect.getConfig();
        List<String> ports = new ArrayList<>();
        if (c.getExposedPorts() != null) {
            for (ExposedPort p : c.getExposedPorts()) {
                ports.add(p.getPort() + "/" + p.getProtocol());
            }
        }
        return new ImageConfig(list(c.getEnv()), c.getLabels() == null ? Map.of() : c.getLabels(), ports,
                c.getVolumes() == null ? List.of() : List.copyOf(c.getVolumes().keySet()),
                c.getEntrypoint() == null ? null : List.of(c.getEntrypoint()),
                c.getCmd() == null ? null : List.of(c.getCmd()), c.getWorkingDir(), c.getUser());
    }

    public void removeQuietly(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // gone already
        }
    }

    public void removeImageQuietly(String imageId) {
        try {
            client.removeImageCmd(imageId).withForce(true).exec();
        } catch (RuntimeException e) {
            // in use or gone: nothing to clean
        }
    }

    private String logs(String id, StreamType type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            client.logContainerCmd(id).withStdOut(type == StreamType.STDOUT).withStdErr(type == StreamType.STDERR)
                    .withFollowStream(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            if (frame.getStreamType() == type || frame.getStreamType() == StreamType.RAW) {
                                out.writeBytes(frame.getPayload());
                            }
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }
}
