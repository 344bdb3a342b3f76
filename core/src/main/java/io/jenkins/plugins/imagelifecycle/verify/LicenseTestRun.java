package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CST's license test: with {@code debian: true} every package folder directly under /usr/share/doc (but
 * libgnutls30, which CST lets pass) must hold a {@code copyright} file, and no copyright file, nor any listed
 * file, may name a license CST refuses (AGPL, WTFPL, looked for in the upper-cased text as CST does).
 */
final class LicenseTestRun {
    static final String NAME = "License Test";
    private static final String DOC = "/usr/share/doc";
    private static final List<String> ALLOWED_PACKAGES = List.of("libgnutls30");
    private static final List<String> REFUSED_LICENSES = List.of("AGPL", "WTFPL");

    private LicenseTestRun() {
    }

    static TestResult run(FileSystemView files, TestSpec.LicenseTest t) {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        if (t.debian()) {
            debianPackages(files, problems);
        }
        for (String file : t.files()) {
            check(file, files.readFollowing(file), problems);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return problems.isEmpty() ? TestResult.pass(NAME, "license", ms)
                : TestResult.fail(NAME, "license", ms, String.join("; ", problems));
    }

    private static void debianPackages(FileSystemView files, List<String> problems) {
        List<ContainerFile> tree = files.tree(DOC, name -> name.endsWith("/copyright"));
        if (tree.isEmpty()) {
            problems.add(DOC + " cannot be read: it does not exist");
            return;
        }
        for (ContainerFile entry : tree) {
            String[] parts = entry.path().replaceAll("/$", "").split("/");
            if (!entry.directory() || parts.length != 2 || ALLOWED_PACKAGES.contains(parts[1])) {
                continue;
            }
            String copyright = parts[0] + "/" + parts[1] + "/copyright";
            Optional<ContainerFile> file = tree.stream().filter(e -> e.path().equals(copyright)).findFirst();
            String path = DOC + "/" + parts[1] + "/copyright";
            if (file.isPresent() && file.get().symlink()) {
                file = files.readFollowing(path);
            }
            check(path, file, problems);
        }
    }

    private static void check(String path, Optional<ContainerFile> file, List<String> problems) {
        if (file.isEmpty() || file.get().directory()) {
            problems.add("license file " + path + (file.isEmpty() ? " does not exist" : " is a directory"));
            return;
        }
        String text = new String(file.get().content(), StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
        for (String refused : REFUSED_LICENSES) {
            if (text.contains(refused)) {
                problems.add("license file " + path + " names " + refused + ", a license CST refuses");
            }
        }
    }
}
