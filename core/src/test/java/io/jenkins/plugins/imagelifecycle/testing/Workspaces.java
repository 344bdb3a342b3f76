package io.jenkins.plugins.imagelifecycle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small workspaces with Dockerfiles for bless and augment tests. */
public final class Workspaces {
    /** Declares BASE_IMAGE and ends with FROM ${BASE_IMAGE}, as bless and augment require. */
    public static final String BLESS_DOCKERFILE = """
            ARG BASE_IMAGE
            FROM ${BASE_IMAGE}
            RUN mkdir -p /etc/image-hooks && echo hooked > /etc/image-hooks/marker
            """;

    public static final String AUGMENT_DOCKERFILE = """
            ARG BASE_IMAGE
            FROM ${BASE_IMAGE}
            ARG APP_VERSION=dev
            COPY app.sh /app/app.sh
            RUN echo "$APP_VERSION" > /app/VERSION
            """;

    private Workspaces() {
    }

    /** Writes {@code relative} with {@code content} under {@code workspace}, creating parents. */
    public static Path write(Path workspace, String relative, String content) {
        try {
            Path file = workspace.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workspace with {@code blessed/Dockerfile} and {@code app/Dockerfile} + {@code app/app.sh}. */
    public static Path standard(Path workspace) {
        write(workspace, "blessed/Dockerfile", BLESS_DOCKERFILE);
        write(workspace, "app/Dockerfile", AUGMENT_DOCKERFILE);
        write(workspace, "app/app.sh", "#!/bin/sh\necho hello\n");
        return workspace;
    }
}
