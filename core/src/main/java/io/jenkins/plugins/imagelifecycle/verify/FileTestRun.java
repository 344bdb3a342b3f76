package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerFile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** File existence and content tests, read from the image's archive. */
final class FileTestRun {
    private FileTestRun() {
    }

    static TestResult existence(FileSystemView files, TestSpec.FileExistenceTest t, Map<String, String> expansionEnv) {
        long start = System.nanoTime();
        String name = "File Existence Test: " + t.name();
        String problem = t.isExecutableBy() != null && !t.isExecutableBy().isEmpty() && !Permissions.EXECUTABLE_BY.contains(t.isExecutableBy())
                ? "isExecutableBy '" + t.isExecutableBy() + "' is not one of owner, group, other, any"
                : existenceProblem(files.read(GoExpand.expand(t.path(), expansionEnv)), t);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return problem == null ? TestResult.pass(name, "fileExistence", ms) : TestResult.fail(name, "fileExistence", ms, problem);
    }

    private static String existenceProblem(Optional<ContainerFile> found, TestSpec.FileExistenceTest t) {
        if (found.isEmpty()) {
            return t.mustExist() ? t.path() + " does not exist" : null;
        }
        if (!t.mustExist()) {
            return t.path() + " exists but should not";
        }
        ContainerFile f = found.get();
        if (t.permissions() != null && !t.permissions().isEmpty() && !t.permissions().equals(Permissions.of(f))) {
            return t.path() + " has permissions " + Permissions.of(f) + ", expected " + t.permissions()
                    + (Permissions.isGoFileMode(t.permissions()) ? "" : " (not a Go FileMode string: CST writes setuid as urwxr-xr-x,"
                    + " a sticky folder as dtrwxrwxrwx, a link as Lrwxrwxrwx)");
        }
        if (t.uid() != null && t.uid() != f.uid()) {
            return t.path() + " is owned by uid " + f.uid() + ", expected " + t.uid();
        }
        if (t.gid() != null && t.gid() != f.gid()) {
            return t.path() + " has gid " + f.gid() + ", expected " + t.gid();
        }
        if (t.isExecutableBy() != null && !t.isExecutableBy().isEmpty() && !Permissions.executableBy(f.mode(), t.isExecutableBy())) {
            return t.path() + " (" + Permissions.of(f) + ") is not executable by " + t.isExecutableBy();
        }
        return null;
    }

    static TestResult content(FileSystemView files, TestSpec.FileContentTest t) {
        long start = System.nanoTime();
        String name = "File Content Test: " + t.name();
        Optional<ContainerFile> found = files.readFollowing(t.path());
        String problem = null;
        if (found.isEmpty() || found.get().directory()) {
            problem = t.path() + (found.isEmpty() ? " does not exist" : " is a directory, not a file");
        } else {
            String text = new String(found.get().content(), StandardCharsets.UTF_8);
            for (String p : t.expectedContents()) {
                if (problem == null && !GoRegex.compile(p).matcher(text).find()) {
                    problem = t.path() + " does not match '" + p + "'";
                }
            }
            for (String p : t.excludedContents()) {
                if (problem == null && GoRegex.compile(p).matcher(text).find()) {
                    problem = t.path() + " matches excluded '" + p + "'";
                }
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return problem == null ? TestResult.pass(name, "fileContent", ms) : TestResult.fail(name, "fileContent", ms, problem);
    }
}
