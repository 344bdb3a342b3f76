package io.jenkins.plugins.imagelifecycle.contents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dpkg's database of installed packages: {@code var/lib/dpkg/status}, or a distroless image's
 * {@code var/lib/dpkg/status.d/*} (one stanza file per package). Lists what {@code dpkg-query -W} lists:
 * every package whose state is not {@code not-installed}.
 */
public final class DpkgDatabase {
    private DpkgDatabase() {
    }

    public static List<InstalledPackage> parse(byte[] status, OsRelease os) {
        List<InstalledPackage> out = new ArrayList<>();
        for (Map<String, String> stanza : stanzas(new String(status, StandardCharsets.UTF_8))) {
            String name = stanza.get("Package");
            String version = stanza.get("Version");
            String state = stanza.getOrDefault("Status", "install ok installed");
            if (name == null || version == null || state.endsWith(" not-installed")) {
                continue;
            }
            String arch = stanza.get("Architecture");
            String sourceName = name;
            String sourceVersion = version;
            String source = stanza.get("Source");
            if (source != null && !source.isBlank()) {
                // "Source: openssl" or "Source: openssl (3.0.11-1~deb12u2)" when the versions differ
                int paren = source.indexOf('(');
                sourceName = (paren < 0 ? source : source.substring(0, paren)).strip();
                if (paren >= 0 && source.endsWith(")")) {
                    sourceVersion = source.substring(paren + 1, source.length() - 1).strip();
                }
            }
            out.add(new InstalledPackage("deb", name, version, arch, sourceName, sourceVersion, null,
                    PackageUrls.of("deb", os, name, version, arch)));
        }
        return out;
    }

    /** Debian control format: stanzas apart by blank lines, "Field: value", continuation lines indented. */
    static List<Map<String, String>> stanzas(String text) {
        List<Map<String, String>> stanzas = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String last = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    stanzas.add(current);
                    current = new LinkedHashMap<>();
                }
                last = null;
            } else if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                current.put(last, current.get(last) + "\n" + line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    last = line.substring(0, colon);
                    current.put(last, line.substring(colon + 1).strip());
                }
            }
        }
        if (!current.isEmpty()) {
            stanzas.add(current);
        }
        return stanzas;
    }
}
