package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves paths that users give (Dockerfile, context, source) inside a workspace, and refuses any that
 * escape it: through {@code ..}, as an absolute path elsewhere, or through a symbolic link.
 */
public final class WorkspacePaths {
    private final Path workspace;
    private final Path realWorkspace;

    public WorkspacePaths(Path workspace) {
        try {
            this.workspace = workspace.toAbsolutePath().normalize();
            this.realWorkspace = this.workspace.toRealPath();
        } catch (IOException e) {
            throw new BadInputException("Workspace '" + workspace + "' does not exist or cannot be read");
        }
    }

    public Path workspace() {
        return workspace;
    }

    /** An existing regular file inside the workspace. */
    public Path existingFile(String given, String what) {
        Path path = inside(given, what);
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(capitalize(what) + " '" + given + "' does not exist in workspace " + workspace
                    + "; expected a file path relative to the workspace");
        }
        return path;
    }

    /** An existing directory inside the workspace. */
    public Path existingDirectory(String given, String what) {
        Path path = inside(given, what);
        if (!Files.isDirectory(path)) {
            throw new BadInputException(capitalize(what) + " '" + given + "' is not a directory in workspace " + workspace);
        }
        return path;
    }

    /** A path inside the workspace that need not exist yet (an output directory). */
    public Path inside(String given, String what) {
        if (given == null || given.isBlank()) {
            throw new BadInputException(capitalize(what) + " is empty; expected a path inside workspace " + workspace);
        }
        Path path;
        try {
            path = workspace.resolve(given).normalize();
        } catch (InvalidPathException e) {
            throw new BadInputException(capitalize(what) + " '" + given + "' is not a valid path: " + e.getReason());
        }
        if (!path.startsWith(workspace)) {
            throw escapes(given, what);
        }
        Path existing = path;
        while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            try {
                if (!existing.toRealPath().startsWith(realWorkspace)) {
                    throw new BadInputException(capitalize(what) + " '" + given
                            + "' leads through a symbolic link out of workspace " + workspace);
                }
            } catch (IOException e) {
                throw new BadInputException(capitalize(what) + " '" + given + "' is a broken symbolic link");
            }
        }
        return path;
    }

    private BadInputException escapes(String given, String what) {
        return new BadInputException(capitalize(what) + " '" + given + "' is outside workspace " + workspace
                + "; expected a path inside it");
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
