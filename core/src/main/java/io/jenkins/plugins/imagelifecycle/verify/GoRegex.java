package io.jenkins.plugins.imagelifecycle.verify;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * container-structure-test patterns are Go (RE2) regular expressions; this translates one into a Java
 * pattern that matches the same texts, and refuses with RE2's reason what RE2 refuses. Matching is "find
 * anywhere", as Go's MatchString. The differences handled: {@code $} matches only at the end of the text
 * (Java's also before a final line break), {@code .} matches {@code \r} (UNIX_LINES: only {@code \n} ends a
 * line), POSIX classes ({@code [[:alpha:]]}, {@code [[:^digit:]]}), {@code (?P<name>…)}, {@code \v} (one
 * character in Go, a class in Java), {@code [} and {@code &&} inside a class (literal in Go, nesting and
 * intersection in Java); look-arounds, back-references, atomic groups, possessive quantifiers, {@code \Z} and
 * flags other than i, m, s are refused.
 */
final class GoRegex {
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "Alnum"), Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"),
            Map.entry("blank", "Blank"), Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"),
            Map.entry("graph", "Graph"), Map.entry("lower", "Lower"), Map.entry("print", "Print"),
            Map.entry("punct", "Punct"), Map.entry("space", "Space"), Map.entry("upper", "Upper"),
            Map.entry("word", "word"), Map.entry("xdigit", "XDigit"));
    /** Letters Go accepts after a backslash outside \Q…\E; any other letter is "invalid escape sequence" there. */
    private static final String GO_ESCAPE_LETTERS = "afnrtvxdDsSwWbBAzpPQE";
    private static final Pattern MULTILINE_FLAG = Pattern.compile("\\(\\?[ims]*m[ims]*(-[ims]*)?[:)]");
    private static final Set<String> LOOK_AROUNDS = Set.of("(?=", "(?!", "(?<=", "(?<!");

    private GoRegex() {
    }

    /** @throws IllegalArgumentException with RE2's reason, when the pattern is not valid Go syntax */
    static Pattern compile(String go) {
        String java = translate(go);
        try {
            return Pattern.compile(java, Pattern.UNIX_LINES);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(reason(e));
        }
    }

    private static String translate(String go) {
        boolean multiline = MULTILINE_FLAG.matcher(go).find();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < go.length()) {
            char c = go.charAt(i);
            if (c == '\\') {
                i = escape(go, i, out);
            } else if (c == '[') {
                i = characterClass(go, i, out);
            } else if (c == '(' && go.startsWith("(?", i)) {
                i = group(go, i, out);
            } else if (c == '$') {
                // Go's $ without the m flag is the end of the text only; Java's also matches before a final \n
                out.append(multiline ? "$" : "\\z");
                i++;
            } else if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < go.length() && go.charAt(i + 1) == '+') {
                throw new IllegalArgumentException("invalid nested repetition operator '" + c + "+' (RE2 has no possessive quantifiers)");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int escape(String go, int i, StringBuilder out) {
        if (i + 1 >= go.length()) {
            throw new IllegalArgumentException("trailing backslash at end of expression");
        }
        char n = go.charAt(i + 1);
        if (n == 'Q') {
            int end = go.indexOf("\\E", i + 2);
            String literal = end < 0 ? go.substring(i + 2) : go.substring(i + 2, end);
            out.append(Pattern.quote(literal));
            return end < 0 ? go.length() : end + 2;
        }
        if (n >= '1' && n <= '9') {
            throw new IllegalArgumentException("invalid escape sequence '\\" + n + "' (RE2 has no back-references)");
        }
        if (Character.isLetter(n) && GO_ESCAPE_LETTERS.indexOf(n) < 0) {
            throw new IllegalArgumentException("invalid escape sequence '\\" + n + "'"
                    + (n == 'Z' ? " (RE2 has no \\Z; \\z is the end of the text)" : ""));
        }
        out.append(n == 'v' ? "\\x0B" : "\\" + n);
        return i + 2;
    }

    private static int characterClass(String go, int i, StringBuilder out) {
        out.append('[');
        int j = i + 1;
        if (j < go.length() && go.charAt(j) == '^') {
            out.append('^');
            j++;
        }
        boolean first = true;
        while (j < go.length()) {
            char c = go.charAt(j);
            if (c == ']' && !first) {
                out.append(']');
                return j + 1;
            }
            first = false;
            if (c == '[' && go.startsWith("[:", j)) {
                int end = go.indexOf(":]", j + 2);
                String name = end < 0 ? "" : go.substring(j + 2, end);
                boolean negated = name.startsWith("^");
                String java = POSIX_CLASSES.get(negated ? name.substring(1) : name);
                if (java == null) {
                    throw new IllegalArgumentException("invalid character class range '" + go.substring(j, end < 0 ? go.length() : end + 2) + "'");
                }
                out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
                j = end + 2;
            } else if (c == '\\') {
                j = escape(go, j, out);
            } else if (c == '[' || c == '&') {
                out.append('\\').append(c);
                j++;
            } else {
                out.append(c);
                j++;
            }
        }
        throw new IllegalArgumentException("missing closing ] in '" + go.substring(i) + "'");
    }

    private static int group(String go, int i, StringBuilder out) {
        for (String look : LOOK_AROUNDS) {
            if (go.startsWith(look, i)) {
                throw new IllegalArgumentException("invalid or unsupported Perl syntax '" + look + "' (RE2 has no look-ahead or look-behind)");
            }
        }
        if (go.startsWith("(?>", i)) {
            throw new IllegalArgumentException("invalid or unsupported Perl syntax '(?>' (RE2 has no atomic groups)");
        }
        Matcher named = Pattern.compile("\\(\\?P?<([^>]*)>").matcher(go).region(i, go.length());
        if (named.lookingAt()) {
            String name = named.group(1);
            if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new IllegalArgumentException("group name '" + name + "' cannot be matched here: Java takes only letters"
                        + " and digits, starting with a letter (Go also takes _)");
            }
            out.append("(?<").append(name).append('>');
            return named.end();
        }
        Matcher flags = Pattern.compile("\\(\\?([^:)]*)[:)]").matcher(go).region(i, go.length());
        if (flags.lookingAt() && !flags.group(1).matches("[ims]*(-[ims]*)?")) {
            throw new IllegalArgumentException("invalid or unsupported Perl syntax '(?" + flags.group(1) + "'"
                    + (flags.group(1).contains("U") ? " (Go's ungreedy flag U has no Java equivalent)" : " (RE2's flags are i, m, s and U)"));
        }
        out.append("(?");
        return i + 2;
    }

    /** Java's reason in RE2's words, never Java's exception text. */
    private static String reason(PatternSyntaxException e) {
        String d = String.valueOf(e.getDescription());
        if (d.startsWith("Unclosed group")) {
            return "missing closing )";
        } else if (d.startsWith("Unmatched closing")) {
            return "unexpected )";
        } else if (d.startsWith("Dangling meta character")) {
            return "missing argument to repetition operator at offset " + e.getIndex();
        } else if (d.startsWith("Illegal character range")) {
            return "invalid character class range at offset " + e.getIndex();
        }
        return "invalid syntax at offset " + e.getIndex();
    }
}
