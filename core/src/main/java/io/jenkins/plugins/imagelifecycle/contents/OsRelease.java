package io.jenkins.plugins.imagelifecycle.contents;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The operating system an image carries, from {@code /etc/os-release} (or {@code /usr/lib/os-release}):
 * {@code ID}, {@code VERSION_ID}, {@code PRETTY_NAME}; "unknown" when the image has neither file.
 */
public record OsRelease(String id, String versionId, String prettyName) implements Serializable {
    public static final OsRelease UNKNOWN = new OsRelease("unknown", null, null);

    /** The os-release format: KEY=value lines, values optionally quoted, # comments. */
    public static OsRelease parse(byte[] bytes) {
        Map<String, String> values = new HashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) {
                continue;
            }
            values.put(l.substring(0, eq), unquote(l.substring(eq + 1).strip()));
        }
        return new OsRelease(values.getOrDefault("ID", "unknown"), values.get("VERSION_ID"), values.get("PRETTY_NAME"));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1);
        }
        return v.replace("\\\"", "\"").replace("\\$", "$").replace("\\`", "`").replace("\\\\", "\\");
    }

    public boolean known() {
        return !"unknown".equals(id);
    }
}
