package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.verify.SpecFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A build whose inputs are checked and whose parent is pinned: nothing can be wrong but the build itself. */
public record PreparedBuild(Role role, ParentImage parent, Path dockerfile, Path context, ImageRef target,
                     Map<String, String> buildArgs, Path sourceDir, Path outputDir,
                                   List<SpecFile> tests) {
}
