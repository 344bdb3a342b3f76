package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Makes sure a Dockerfile builds on the image we pin: its final {@code FROM} must be
 * {@code ${BASE_IMAGE}}, or the lineage we record would be false.
 */
final class DockerfileCheck {
    static final String BASE_ARG = "BASE_IMAGE";
    private static final Pattern USES_BASE = Pattern.compile("\\$\\{?" + BASE_ARG + "}?(\\s|$)");

    private DockerfileCheck() {
    }

    static void requireFromBaseArg(Path dockerfile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dockerfile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("Dockerfile '" + dockerfile + "' cannot be read: " + e.getMessage());
        }
        String lastFrom = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.toUpperCase(Locale.ROOT).startsWith("FROM ")) {
                lastFrom = trimmed.substring(5).strip();
            }
        }
        if (lastFrom == null) {
            throw new BadInputException("Dockerfile '" + dockerfile.getFileName() + "' has no FROM instruction");
        }
        String image = lastFrom.replaceFirst("^--platform=\\S+\\s+", "");
        if (!USES_BASE.matcher(image + " ").lookingAt()) {
            throw new BadInputException("Dockerfile '" + dockerfile.getFileName() + "' ends with 'FROM " + lastFrom
                    + "'; expected 'ARG " + BASE_ARG + "' before the first FROM and a final 'FROM ${" + BASE_ARG
                    + "}' so that the pinned digest is what gets built on");
        }
    }
}
