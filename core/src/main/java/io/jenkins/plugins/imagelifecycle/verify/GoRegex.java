package io.jenkins.plugins.imagelifecycle.verify;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * container-structure-test patterns are Go (RE2) regular expressions. Most RE2 syntax means the same
 * in Java; this translates the common differences and refuses what Java cannot express the same way.
 * Matching is "find anywhere", as Go's MatchString.
 */
final class GoRegex {
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("[:alnum:]", "\\p{Alnum}"), Map.entry("[:alpha:]", "\\p{Alpha}"),
            Map.entry("[:ascii:]", "\\p{ASCII}"), Map.entry("[:blank:]", "\\p{Blank}"),
            Map.entry("[:cntrl:]", "\\p{Cntrl}"), Map.entry("[:digit:]", "\\p{Digit}"),
            Map.entry("[:graph:]", "\\p{Graph}"), Map.entry("[:lower:]", "\\p{Lower}"),
            Map.entry("[:print:]", "\\p{Print}"), Map.entry("[:punct:]", "\\p{Punct}"),
            Map.entry("[:space:]", "\\s"), Map.entry("[:upper:]", "\\p{Upper}"),
            Map.entry("[:word:]", "\\w"), Map.entry("[:xdigit:]", "\\p{XDigit}"));

    private GoRegex() {
    }

    /** @throws IllegalArgumentException with the reason, when the pattern is not valid */
    static Pattern compile(String go) {
        if (go.contains("(?U")) {
            throw new IllegalArgumentException("the ungreedy flag (?U) of Go has no Java equivalent");
        }
        String java = go.replace("(?P<", "(?<");
        for (var e : POSIX_CLASSES.entrySet()) {
            java = java.replace(e.getKey(), e.getValue());
        }
        try {
            return Pattern.compile(java);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(e.getDescription() + " near index " + e.getIndex());
        }
    }
}
