package io.jenkins.plugins.imagelifecycle.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The env file format CST reads (godotenv's): {@code KEY=value} or {@code KEY: value} lines, an optional
 * {@code export } before the key, {@code #} comments, values in single quotes taken as written, in double
 * quotes with {@code \n} and {@code \"} escapes, unquoted values trimmed and cut at {@code " #"}.
 */
final class EnvFile {
    private EnvFile() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int at = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
            if (at < 0) {
                continue;
            }
            values.put(line.substring(0, at).strip(), value(line.substring(at + 1).strip()));
        }
        return values;
    }

    private static String value(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
        }
        int comment = v.indexOf(" #");
        return (comment < 0 ? v : v.substring(0, comment)).strip();
    }
}
