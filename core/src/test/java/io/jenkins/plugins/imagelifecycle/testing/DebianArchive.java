package io.jenkins.plugins.imagelifecycle.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Debian archive this machine's apt sources name: where debootstrap makes real Debian roots from. */
public final class DebianArchive {
    private DebianArchive() {
    }

    /** {uri, suite} of the first archive that is not the security one. */
    public static String[] ofThisMachine() throws IOException {
        for (Path p : List.of(Path.of("/etc/apt/sources.list.d/debian.sources"), Path.of("/etc/apt/sources.list"))) {
            if (!Files.exists(p)) {
                continue;
            }
            String uri = null;
            for (String line : Files.readAllLines(p)) {
                String l = line.strip();
                if (l.startsWith("URIs:") && !l.contains("security")) {
                    uri = l.substring("URIs:".length()).strip().split("\\s+")[0];
                } else if (l.startsWith("Suites:") && uri != null) {
                    return new String[] {uri, l.substring("Suites:".length()).strip().split("\\s+")[0]};
                } else if (l.startsWith("deb ") && !l.contains("security")) {
                    String[] f = l.split("\\s+");
                    return new String[] {f[1], f[2]};
                }
            }
        }
        throw new IllegalStateException("no Debian archive in this machine's apt sources");
    }
}
