package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's inputs to a bless or augment, as given: paths relative to the workspace, references as text.
 *
 * @param from       the upstream base (bless) or the blessed parent (augment)
 * @param dockerfile Dockerfile path inside the workspace
 * @param context    build context directory inside the workspace
 * @param target     where to push, {@code registry/repo:tag}
 * @param buildArgs  extra build arguments; {@code BASE_IMAGE} is ours
 * @param sourceDir  application source directory (augment), for Git provenance; may be null
 * @param outputDir  where the provenance file goes, inside the workspace
 * @param tests      container-structure-test spec files inside the workspace; the image is pushed only
 *                   when they all pass
 */
public record ContainerBuildRequest(String from, String dockerfile, String context, String target,
                                    Map<String, String> buildArgs, String sourceDir, String outputDir,
                                    List<String> tests)
        implements Serializable {

    public static final String DEFAULT_OUTPUT_DIR = "image-lifecycle";

    public ContainerBuildRequest {
        buildArgs = new LinkedHashMap<>(buildArgs == null ? Map.of() : buildArgs);
        outputDir = outputDir == null || outputDir.isBlank() ? DEFAULT_OUTPUT_DIR : outputDir;
        context = context == null || context.isBlank() ? "." : context;
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** A request without image tests. */
    public ContainerBuildRequest(String from, String dockerfile, String context, String target,
                                 Map<String, String> buildArgs, String sourceDir, String outputDir) {
        this(from, dockerfile, context, target, buildArgs, sourceDir, outputDir, List.of());
    }
}
