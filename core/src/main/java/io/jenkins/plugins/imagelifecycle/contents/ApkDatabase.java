package io.jenkins.plugins.imagelifecycle.contents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * apk's database of installed packages, {@code lib/apk/db/installed}, in its documented format: one
 * record per package, records apart by blank lines, each line a one-letter key, a colon and the value
 * ({@code P} name, {@code V} version, {@code A} architecture, {@code L} license, {@code o} origin, the
 * source package).
 */
public final class ApkDatabase {
    private ApkDatabase() {
    }

    public static List<InstalledPackage> parse(byte[] installed, OsRelease os) {
        List<InstalledPackage> out = new ArrayList<>();
        String name = null;
        String version = null;
        String arch = null;
        String license = null;
        String origin = null;
        for (String line : (new String(installed, StandardCharsets.UTF_8) + "\n\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (name != null && version != null) {
                    String source = origin == null || origin.isBlank() ? name : origin;
                    out.add(new InstalledPackage("apk", name, version, arch, source, version, license,
                            PackageUrls.of("apk", os, name, version, arch)));
                }
                name = version = arch = license = origin = null;
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != ':') {
                continue;
            }
            String value = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> name = value;
                case 'V' -> version = value;
                case 'A' -> arch = value;
                case 'L' -> license = value;
                case 'o' -> origin = value;
                default -> {
                    // checksums, sizes, files (F:, R:), dependencies: not part of the inventory
                }
            }
        }
        return out;
    }
}
