package io.jenkins.plugins.imagelifecycle.contents;

/**
 * RPM's version order, as {@code rpm.vercmp} compares: {@code epoch:version-release} with the epoch (0 when
 * absent), the version, then the release (empty when absent), each by {@code rpmvercmp} — alternating runs of digits
 * (numbers, longer wins) and letters (compared as text), separators ignored, {@code ~} before everything
 * (even the end), {@code ^} after the end but before anything else.
 */
public final class RpmVersion {
    private RpmVersion() {
    }

    /** Negative, zero or positive as EVR {@code a} is older than, equal to or newer than EVR {@code b}. */
    public static int compare(String a, String b) {
        String[] x = parse(a);
        String[] y = parse(b);
        int rc = rpmvercmp(x[0] == null ? "0" : x[0], y[0] == null ? "0" : y[0]);
        if (rc == 0) {
            rc = rpmvercmp(x[1], y[1]);
            if (rc == 0) {
                // as rpm.vercmp does: a missing release is empty, so "8-5" is newer than "8"
                rc = rpmvercmp(x[2] == null ? "" : x[2], y[2] == null ? "" : y[2]);
            }
        }
        return rc;
    }

    /** {epoch or null, version, release or null}, as rpm splits an EVR string. */
    static String[] parse(String evr) {
        String s = evr.strip();
        String epoch = null;
        int colon = s.indexOf(':');
        if (colon >= 0) {
            epoch = colon == 0 ? "0" : s.substring(0, colon);
            s = s.substring(colon + 1);
        }
        int dash = s.lastIndexOf('-');
        return dash < 0 ? new String[] {epoch, s, null} : new String[] {epoch, s.substring(0, dash), s.substring(dash + 1)};
    }

    /** rpm's segment-wise comparison of two version (or release) strings. */
    public static int rpmvercmp(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
                i++;
            }
            while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
                j++;
            }
            char ca = i < a.length() ? a.charAt(i) : 0;
            char cb = j < b.length() ? b.charAt(j) : 0;
            if (ca == '~' || cb == '~') {
                if (ca != '~') {
                    return 1;
                }
                if (cb != '~') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (ca == '^' || cb == '^') {
                if (i >= a.length()) {
                    return -1;
                }
                if (j >= b.length()) {
                    return 1;
                }
                if (ca != '^') {
                    return 1;
                }
                if (cb != '^') {
                    return -1;
                }
                i++;
                j++;
                continue;
            }
            if (i >= a.length() || j >= b.length()) {
                break;
            }
            int si = i;
            int sj = j;
            boolean numeric = isDigit(a.charAt(i));
            if (numeric) {
                while (i < a.length() && isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isDigit(b.charAt(j))) {
                    j++;
                }
            } else {
                while (i < a.length() && isAlpha(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isAlpha(b.charAt(j))) {
                    j++;
                }
            }
            if (sj == j) {
                // a numeric segment is newer than an alphabetic one
                return numeric ? 1 : -1;
            }
            String one = a.substring(si, i);
            String two = b.substring(sj, j);
            if (numeric) {
                one = one.replaceFirst("^0+", "");
                two = two.replaceFirst("^0+", "");
                if (one.length() != two.length()) {
                    return one.length() > two.length() ? 1 : -1;
                }
            }
            int rc = one.compareTo(two);
            if (rc != 0) {
                return rc < 0 ? -1 : 1;
            }
        }
        if (i >= a.length() && j >= b.length()) {
            return 0;
        }
        return i < a.length() ? 1 : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || isAlpha(c);
    }
}
