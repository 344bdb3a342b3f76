package io.jenkins.plugins.imagelifecycle.advisories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a version is affected, by OSV's own evaluation: in the explicit versions, or in a range whose
 * events, sorted by version ({@code introduced: "0"} first), leave it affected — {@code introduced} opens,
 * {@code fixed} closes at that version, {@code last_affected} after it — and that lies before a
 * {@code limit} when the range has one.
 */
public final class OsvRanges {
    private OsvRanges() {
    }

    /** @param order the ecosystem's version order */
    public static boolean affects(OsvAdvisory.Affected affected, String version, Comparator<String> order) {
        for (String v : affected.versions()) {
            if (order.compare(version, v) == 0) {
                return true;
            }
        }
        for (OsvAdvisory.Range range : affected.ranges()) {
            if (range.type().equals("ECOSYSTEM") && inRange(range, version, order)) {
                return true;
            }
        }
        return false;
    }

    /** The first fixed version at or above {@code version} in the ranges that affect it, or null when there is no fix yet. */
    public static String fixedVersion(OsvAdvisory.Affected affected, String version, Comparator<String> order) {
        String best = null;
        for (OsvAdvisory.Range range : affected.ranges()) {
            for (OsvAdvisory.Event e : range.events()) {
                if (e.kind().equals("fixed") && order.compare(e.version(), version) > 0
                        && (best == null || order.compare(e.version(), best) < 0)) {
                    best = e.version();
                }
            }
        }
        return best;
    }

    static boolean inRange(OsvAdvisory.Range range, String v, Comparator<String> order) {
        if (!beforeLimits(range, v, order)) {
            return false;
        }
        List<OsvAdvisory.Event> events = new ArrayList<>(range.events());
        events.removeIf(e -> e.kind().equals("limit"));
        events.sort((a, b) -> compareEventVersions(a.version(), b.version(), order));
        boolean affected = false;
        for (OsvAdvisory.Event e : events) {
            switch (e.kind()) {
                case "introduced" -> {
                    if (e.version().equals("0") || order.compare(v, e.version()) >= 0) {
                        affected = true;
                    }
                }
                case "fixed" -> {
                    if (order.compare(v, e.version()) >= 0) {
                        affected = false;
                    }
                }
                case "last_affected" -> {
                    if (order.compare(v, e.version()) > 0) {
                        affected = false;
                    }
                }
                default -> {
                    // limits were applied above
                }
            }
        }
        return affected;
    }

    private static boolean beforeLimits(OsvAdvisory.Range range, String v, Comparator<String> order) {
        boolean anyLimit = false;
        for (OsvAdvisory.Event e : range.events()) {
            if (e.kind().equals("limit")) {
                anyLimit = true;
                if (e.version().equals("*") || order.compare(v, e.version()) < 0) {
                    return true;
                }
            }
        }
        return !anyLimit;
    }

    /** "0" sorts before any version, as OSV defines it. */
    private static int compareEventVersions(String a, String b, Comparator<String> order) {
        if (a.equals("0") || b.equals("0")) {
            return a.equals(b) ? 0 : a.equals("0") ? -1 : 1;
        }
        return order.compare(a, b);
    }
}
