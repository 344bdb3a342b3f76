package io.jenkins.plugins.imagelifecycle.support;

/**
 * Text that came from users (reasons, actors, references, messages) made safe to print on a terminal
 * or a page: control characters are shown as escapes, so a reason with a newline or an escape sequence
 * cannot forge a line or recolour the output. What is stored stays exactly what was given.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (isControl(ch)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(switch (ch) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04x", (int) ch);
                });
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? text : out.toString();
    }

    /** C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows. */
    private static boolean isControl(char ch) {
        return ch < 0x20 || ch == 0x7f || (ch >= 0x80 && ch <= 0x9f) || (ch >= 0x202a && ch <= 0x202e)
                || (ch >= 0x2066 && ch <= 0x2069);
    }
}
