package io.jenkins.plugins.imagelifecycle.advisories;

import java.util.Locale;

/** How bad an advisory is, in the words most databases share; CVSS base scores map onto the same steps. */
public enum Severity {
    UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A database's word: CVSS's and GitHub's (low … critical), Red Hat's (moderate, important), Debian's and
     * Ubuntu's (negligible, unimportant); anything else is unknown.
     */
    public static Severity fromWord(String word) {
        if (word == null) {
            return UNKNOWN;
        }
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "critical" -> CRITICAL;
            case "high", "important" -> HIGH;
            case "medium", "moderate" -> MEDIUM;
            case "low", "negligible", "unimportant" -> LOW;
            default -> UNKNOWN;
        };
    }

    /** CVSS v3's qualitative rating of a base score. */
    public static Severity fromCvssScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0 ? LOW : UNKNOWN;
    }

    /**
     * A {@code --severity} or {@code blockSeverity} value.
     *
     * @throws IllegalArgumentException naming the value and what is expected
     */
    public static Severity parse(String value) {
        for (Severity s : values()) {
            if (s != UNKNOWN && s.id().equals(value == null ? "" : value.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("Unknown severity '" + value + "': expected low, medium, high or critical");
    }
}
