package io.jenkins.plugins.imagelifecycle.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.RegistryCredentials;
import io.jenkins.plugins.imagelifecycle.docker.BuildSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.io.PrintStream;
import java.io.OutputStream;

/**
 * The real Docker engine of this machine (DOCKER_HOST or the default socket) and the shared test
 * registry, found once per test run. Fails with what is missing and how to get it.
 */
public final class RealDocker {
    private static DockerEngine engine;
    private static DockerClient client;
    private static TestRegistry registry;

    private RealDocker() {
    }

    public static synchronized DockerEngine engine() {
        if (engine == null) {
            try {
                engine = DockerEngine.fromEnvironment();
            } catch (RuntimeException e) {
                throw new IllegalStateException("No Docker engine: " + e.getMessage()
                        + ". ./scripts/test installs and starts one (dockerd --storage-driver=vfs) when run as root", e);
            }
        }
        return engine;
    }

    /** docker-java itself, for what tests check behind the engine's back (containers left, labels). */
    public static synchronized DockerClient client() {
        engine();
        if (client == null) {
            String host = System.getenv("DOCKER_HOST");
            var config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(host == null || host.isBlank() ? DockerEngine.DEFAULT_HOST : host).build();
            client = DockerClientImpl.getInstance(config,
                    new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
        }
        return client;
    }

    /** One anonymous registry shared by the tests of this JVM; tests use their own repository names. */
    public static synchronized TestRegistry registry() {
        if (registry == null) {
            registry = TestRegistry.start();
        }
        return registry;
    }

    /**
     * Imports {@code rootFs} as {@code ref} (a tagged reference), pushes it, and returns the reference
     * pinned to the pushed digest. The local copy stays, as after a docker pull.
     */
    public static ImageRef importAndPush(RootFs rootFs, ImageRef ref, RegistryCredentials credentials) {
        // docker-java's import (POST /images/create?fromSrc=-) loses the stream over the httpclient5
        // transport here ("ApplyLayer … unexpected EOF"), so the file system is ADDed to scratch instead:
        // the same single-layer image that docker import makes.
        try {
            Path context = Files.createTempDirectory("rootfs-");
            Files.write(context.resolve("rootfs.tar"), rootFs.toTar());
            Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nADD rootfs.tar /\n" + rootFs.dockerfileTail());
            engine().build(new BuildSpec(context, context.resolve("Dockerfile"), Map.of(), Map.of(), List.of(ref.toString())), quiet());
            Digest digest = engine().push(ref, credentials, quiet());
            return ref.withDigest(digest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The upstream base stand-in: busybox, pushed to the shared registry under {@code upstream/NAME:TAG}. */
    public static ImageRef busyboxBase(String repositoryAndTag, String mark) {
        return importAndPush(RootFs.busybox(mark), ImageRef.parse(registry().host() + "/" + repositoryAndTag), null);
    }

    public static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
