package io.jenkins.plugins.imagelifecycle.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The Docker engine of the machine that runs the operation (an agent, in Jenkins), over docker-java with
 * the Apache HttpClient 5 transport. Unix sockets and {@code tcp://} hosts both work.
 */
public final class DockerEngine implements Closeable {
    /** Where docker itself looks when {@code DOCKER_HOST} is unset. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final String host;
    private final DockerClient client;

    private DockerEngine(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    /**
     * Connects to the engine at {@code dockerHost} (the value of the build's {@code DOCKER_HOST}), or the
     * default socket when it is null or blank, and checks that it answers.
     */
    public static DockerEngine connect(String dockerHost) {
        String host = dockerHost == null || dockerHost.isBlank() ? DEFAULT_HOST : dockerHost;
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .withDockerTlsVerify(false)
                .build();
        var http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        DockerEngine engine = new DockerEngine(host, DockerClientImpl.getInstance(config, http));
        engine.ping();
        return engine;
    }

    /** Connects with the {@code DOCKER_HOST} of this process's environment. */
    public static DockerEngine fromEnvironment() {
        return connect(System.getenv("DOCKER_HOST"));
    }

    public String host() {
        return host;
    }

    /** The raw docker-java client, for the other classes of this package. */
    DockerClient client() {
        return client;
    }

    private void ping() {
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            throw new UnavailableException("Docker engine at " + host + " is not reachable (" + rootMessage(e)
                    + "); start dockerd or point DOCKER_HOST at a running engine", e);
        }
    }

    public String version() {
        return client.versionCmd().exec().getVersion();
    }

    /**
     * Builds an image and streams the build output to {@code log}, line by line.
     *
     * @return the local image id
     */
    public String build(BuildSpec spec, PrintStream log) {
        // The classic builder turns every label of the API's "labels" parameter into a LABEL step of its
        // own, each a container commit (about a second apiece on vfs). One LABEL line appended to a
        // generated copy of the Dockerfile costs one step.
        Path generated = spec.labels().isEmpty() ? spec.dockerfile() : LabelledDockerfile.write(spec);
        // the step the engine last announced: a build cut off (the engine gone) says where it was
        java.util.concurrent.atomic.AtomicReference<String> step = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            var cmd = client.buildImageCmd()
                    .withBaseDirectory(spec.contextDir().toFile())
                    .withDockerfile(generated.toFile())
                    .withTags(Set.copyOf(spec.tags()))
                    .withRemove(true)
                    .withForcerm(true)
                    .withPull(false);
            spec.buildArgs().forEach(cmd::withBuildArg);
            var callback = new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.getStream() != null) {
                        log.print(item.getStream());
                        if (item.getStream().startsWith("Step ")) {
                            step.set(item.getStream().strip());
                        }
                    }
                    super.onNext(item);
                }
            };
            cmd.exec(callback);
            awaitOrStop(callback, "Docker build of " + spec.dockerfile().getFileName());
            return callback.awaitImageId();
        } catch (OperationFailedException e) {
            throw e;
        } catch (DockerClientException e) {
            throw new OperationFailedException("Docker build of " + spec.dockerfile().getFileName() + " failed: "
                    + e.getMessage().replaceFirst("^Could not build image: ", ""), e);
        } catch (RuntimeException e) {
            throw wrap("build of " + spec.dockerfile().getFileName() + (step.get() == null ? "" : " at '" + step.get() + "'"), e);
        } finally {
            if (!generated.equals(spec.dockerfile())) {
                LabelledDockerfile.delete(generated);
            }
        }
    }

    /**
     * Pushes {@code ref} (a tagged reference of a local image) and returns the manifest digest that the
     * registry reported. Progress goes to {@code log}; the credentials never do.
     */
    public Digest push(ImageRef ref, RegistryCredentials credentials, PrintStream log) {
        var auth = new AuthConfig().withRegistryAddress(ref.registry());
        if (credentials != null) {
            auth.withUsername(credentials.username()).withPassword(credentials.password());
        }
        var callback = new PushProgress(log);
        try {
            client.pushImageCmd(ref.name()).withTag(ref.tagOrLatest()).withAuthConfig(auth).exec(callback);
            awaitOrStop(callback, "Push of " + ref);
        } catch (OperationFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw wrap("push of " + ref, e);
        }
        return callback.result(ref);
    }

    /**
     * Waits for a streamed engine call. An interrupt (an aborted build) closes the stream, which makes the
     * engine cancel the build or push instead of finishing it for nobody.
     */
    private static void awaitOrStop(com.github.dockerjava.api.async.ResultCallbackTemplate<?, ?> callback, String what) {
        try {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            try {
                callback.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            Thread.currentThread().interrupt();
            throw new OperationFailedException(what + " was interrupted and stopped", e);
        }
    }

    /** Pulls {@code ref} (by digest when it has one) unless the engine already has it. */
    public void pullIfMissing(ImageRef ref, RegistryCredentials credentials, PrintStream log) {
        String local = ref.digest().map(d -> ref.name() + "@" + d).orElse(ref.toString());
        if (inspect(local).isPresent()) {
            return;
        }
        var auth = new AuthConfig().withRegistryAddress(ref.registry());
        if (credentials != null) {
            auth.withUsername(credentials.username()).withPassword(credentials.password());
        }
        log.println("Pulling " + local);
        try {
            client.pullImageCmd(ref.name()).withTag(ref.digest().map(Digest::toString).orElse(ref.tagOrLatest()))
                    .withAuthConfig(auth).start().awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Pull of " + local + " was interrupted", e);
        } catch (RuntimeException e) {
            throw wrap("pull of " + local, e);
        }
    }

    public Optional<InspectImageResponse> inspect(String imageIdOrRef) {
        try {
            return Optional.of(client.inspectImageCmd(imageIdOrRef).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The image as {@code docker save} writes it: a tar stream the caller reads once and closes. */
    public InputStream save(String imageId) {
        return client.saveImageCmd(imageId).exec();
    }

    public void tag(String imageId, ImageRef target) {
        client.tagImageCmd(imageId, target.name(), target.tagOrLatest()).exec();
    }

    /** Removes a local image (by id or reference); an image that is already gone is not an error. */
    public void remove(String imageIdOrRef) {
        try {
            client.removeImageCmd(imageIdOrRef).withForce(true).exec();
        } catch (NotFoundException e) {
            // already gone
        }
    }

    private RuntimeException wrap(String what, RuntimeException e) {
        if (isConnectionFailure(e)) {
            return new UnavailableException("Docker engine at " + host + " failed during " + what + ": " + rootMessage(e), e);
        }
        return new OperationFailedException("Docker " + what + " failed: " + rootMessage(e), e);
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.strip();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
