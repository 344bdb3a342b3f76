package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * A pipeline's explicit acceptance of one advisory's finding for one promotion, recorded with it: the
 * advisory (or an alias, such as its CVE), why, and until when; past that day it waives nothing.
 */
public record AdvisoryWaiver(String advisory, String reason, LocalDate until) implements Serializable {
    public AdvisoryWaiver {
        if (advisory == null || advisory.isBlank()) {
            throw new BadInputException("An advisory waiver names no advisory; expected an id such as DSA-5678-1 or CVE-2024-0727");
        }
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("The waiver of " + advisory + " gives no reason; expected why the finding is accepted");
        }
        if (until == null) {
            throw new BadInputException("The waiver of " + advisory + " has no end; expected a date until which it holds (yyyy-MM-dd)");
        }
    }

    private static final java.util.regex.Pattern WRITTEN = java.util.regex.Pattern.compile("(\\S+) until (\\S+): (.+)", java.util.regex.Pattern.DOTALL);

    /**
     * A waiver as a pipeline writes it: {@code CVE-2026-9001 until 2027-01-31: not reachable from outside}.
     *
     * @throws BadInputException naming the text and the form expected
     */
    public static AdvisoryWaiver parse(String written) {
        var m = WRITTEN.matcher(written == null ? "" : written.strip());
        if (!m.matches()) {
            throw new BadInputException("Waiver '" + written + "' is not of the form 'ID until yyyy-MM-dd: reason'");
        }
        try {
            return new AdvisoryWaiver(m.group(1), m.group(3).strip(), LocalDate.parse(m.group(2)));
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadInputException("Waiver '" + written + "': '" + m.group(2) + "' is not a date; expected yyyy-MM-dd");
        }
    }

    /** Whether it waives this finding's advisory on {@code today}. */
    public boolean waives(Finding f, LocalDate today) {
        if (today.isAfter(until)) {
            return false;
        }
        if (advisory.equals(f.advisoryId())) {
            return true;
        }
        return f.aliases() != null && java.util.List.of(f.aliases().split(",")).contains(advisory);
    }
}
