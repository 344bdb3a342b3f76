package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerFile;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** File existence and content tests, read from the image's archive. */
final class FileTestRun {
    private FileTestRun() {
    }

    static TestResult existence(FileSystemView files, TestSpec.FileExistenceTest t) {
        long start = System.nanoTime();
        String problem = existenceProblem(files.read(t.path()), t);
        long ms = (System.nanoTime() - start) / 1_000_000;
        return problem == null ? TestResult.pass(t.name(), "fileExistence", ms) : TestResult.fail(t.name(), "fileExistence", ms, problem);
    }

    private static String existenceProblem(Optional<ContainerFile> found, TestSpec.FileExistenceTest t) {
        if (found.isEmpty()) {
            return t.mustExist() ? t.path() + " does not exist" : null;
        }
        if (!t.mustExist()) {
            return t.path() + " exists but should not";
        }
        ContainerFile f = found.get();
        if (t.permissions() != null && !t.permissions().equals(Permissions.of(f))) {
            return t.path() + " has permissions " + Permissions.of(f) + ", expected " + t.permissions();
        }
        if (t.uid() != null && t.uid() != f.uid()) {
            return t.path() + " is owned by uid " + f.uid() + ", expected " + t.uid();
        }
        if (t.gid() != null && t.gid() != f.gid()) {
            return t.path() + " has gid " + f.gid() + ", expected " + t.gid();
        }
        if (t.isExecutableBy() != null && !Permissions.executableBy(f.mode(), t.isExecutableBy())) {
            return t.path() + " (" + Permissions.of(f) + ") is not executable by " + t.isExecutableBy();
        }
        return null;
    }

    static TestResult content(FileSystemView files, TestSpec.FileContentTest t) {
        long start = System.nanoTime();
        Optional<ContainerFile> found = files.read(t.path());
        String problem = null;
        if (found.isEmpty() || found.get().directory()) {
            problem = t.path() + (found.isEmpty() ? " does not exist" : " is a directory");
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
        return problem == null ? TestResult.pass(t.name(), "fileContent", ms) : TestResult.fail(t.name(), "fileContent", ms, problem);
    }
}
