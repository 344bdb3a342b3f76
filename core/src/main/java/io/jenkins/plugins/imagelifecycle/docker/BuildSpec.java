package io.jenkins.plugins.imagelifecycle.docker;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to build: a context directory, the Dockerfile inside it, build arguments, labels and the tags
 * to give the result. Paths are already checked to lie inside the workspace.
 */
public record BuildSpec(Path contextDir, Path dockerfile, Map<String, String> buildArgs,
                        Map<String, String> labels, List<String> tags) {
    public BuildSpec {
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        tags = List.copyOf(tags);
    }
}
