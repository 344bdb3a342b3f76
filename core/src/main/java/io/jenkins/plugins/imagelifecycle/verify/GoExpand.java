package io.jenkins.plugins.imagelifecycle.verify;

import java.util.Map;

/**
 * Go's {@code os.Expand}, which container-structure-test applies to a command, its arguments and a file
 * existence test's path: {@code $NAME} and {@code ${NAME}} are replaced by the value, unknown names by
 * nothing; {@code $$}, {@code $1}…, {@code $*} and the like name a one-character "special" variable; a
 * {@code $} before anything else stays; a bad {@code ${…}} (unclosed, empty) is dropped as Go drops it.
 */
final class GoExpand {
    private GoExpand() {
    }

    static String expand(String s, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (int j = 0; j < s.length(); j++) {
            if (s.charAt(j) == '$' && j + 1 < s.length()) {
                out.append(s, i, j);
                int[] nameAndWidth = shellName(s, j + 1);
                int start = nameAndWidth[0];
                int width = nameAndWidth[1];
                int end = nameAndWidth[2];
                if (start < 0 && width == 0) {
                    // Go: "$" followed by something that is no name is kept as it is (the $ itself only)
                    out.append('$');
                } else if (start >= 0) {
                    out.append(env.getOrDefault(s.substring(start, end), ""));
                }
                j += width;
                i = j + 1;
            }
        }
        return i == 0 ? s : out.append(s.substring(Math.min(i, s.length()))).toString();
    }

    /** Go's getShellName: {start of name or -1, characters consumed after the $, end of name}. */
    private static int[] shellName(String s, int at) {
        char c = s.charAt(at);
        if (c == '{') {
            if (at + 2 < s.length() + 1 && at + 1 < s.length() && isSpecial(s.charAt(at + 1))
                    && at + 2 < s.length() && s.charAt(at + 2) == '}') {
                return new int[] {at + 1, 3, at + 2};
            }
            for (int k = at + 1; k < s.length(); k++) {
                if (s.charAt(k) == '}') {
                    if (k == at + 1) {
                        return new int[] {-1, 2, -1}; // "${}" is a bad syntax: eat it
                    }
                    return new int[] {at + 1, k - at + 1, k};
                }
            }
            return new int[] {-1, 1, -1}; // no closing brace: eat the "{"
        }
        if (isSpecial(c)) {
            return new int[] {at, 1, at + 1};
        }
        int k = at;
        while (k < s.length() && isAlphaNumeric(s.charAt(k))) {
            k++;
        }
        return k == at ? new int[] {-1, 0, -1} : new int[] {at, k - at, k};
    }

    private static boolean isSpecial(char c) {
        return "*#$@!?-".indexOf(c) >= 0 || (c >= '0' && c <= '9');
    }

    private static boolean isAlphaNumeric(char c) {
        return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
