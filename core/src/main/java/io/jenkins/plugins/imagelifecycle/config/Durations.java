package io.jenkins.plugins.imagelifecycle.config;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a config: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or ISO-8601 ({@code PT36H}). */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)");

    private Durations() {
    }

    /**
     * @param what names the setting in the error, e.g. "Environment qa: soak"
     * @return the duration, zero or more; null for a null or blank text
     */
    public static Duration parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        Duration d;
        try {
            d = Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new BadInputException(what + " '" + text + "' is not a duration; expected a count with s, m, h or d (such as 30m or 7d),"
                    + " or ISO-8601 such as PT36H");
        }
        if (d.isNegative()) {
            throw new BadInputException(what + " '" + text + "' is negative; expected zero or more");
        }
        return d;
    }

    /** A duration the way {@link #parse} reads it back: the largest whole unit. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
