package io.jenkins.plugins.imagelifecycle.docker;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A copy of the user's Dockerfile with one {@code LABEL} line appended, written into the build context
 * (the engine only reads a Dockerfile from the context it is sent) under a name no one else uses,
 * and deleted after the build.
 */
final class LabelledDockerfile {
    private LabelledDockerfile() {
    }

    static Path write(BuildSpec spec) {
        Path file = spec.contextDir().resolve(".image-lifecycle-" + UUID.randomUUID() + ".Dockerfile");
        try {
            String original = Files.readString(spec.dockerfile(), StandardCharsets.UTF_8);
            Files.writeString(file, original + (original.endsWith("\n") ? "" : "\n") + labelLine(spec.labels()),
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new OperationFailedException("Cannot write a labelled copy of " + spec.dockerfile() + " into "
                    + spec.contextDir() + ": " + e.getMessage(), e);
        }
    }

    /** {@code LABEL "k"="v" …} with quotes, backslashes and {@code $} escaped so nothing is expanded. */
    static String labelLine(Map<String, String> labels) {
        StringBuilder line = new StringBuilder("LABEL");
        labels.forEach((k, v) -> line.append(" \\\n    ").append(quote(k)).append('=').append(quote(v)));
        return line.append('\n').toString();
    }

    private static String quote(String s) {
        String oneLine = s.replace('\n', ' ').replace('\r', ' ');
        return '"' + oneLine.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file in the context is harmless; the next build writes a new name
        }
    }
}
