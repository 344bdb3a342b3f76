package io.jenkins.plugins.imagelifecycle.contents;

import java.util.List;

/**
 * apk's version order ({@code digit{.digit}…{letter}{_suffix{number}}…{~hash}{-rN}}), as apk-tools compares:
 * token by token while both versions have the same kind of token next — numbers as numbers (a dotted part
 * with a leading zero as text), a letter by itself, suffixes in the order
 * {@code alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p}, commit hashes as text, the
 * {@code -r} revision as a number. Where one runs out first, a pre-release suffix on either side makes that
 * side older; otherwise the one that goes on is newer ({@code 1.0 < 1.0.1}, {@code 1.0 < 1.0-r1}). An
 * invalid tail sorts before everything.
 */
public final class ApkVersion {
    private static final List<String> SUFFIXES = List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p");
    private static final int NO_SUFFIX = SUFFIXES.indexOf("");

    /** Token kinds in apk's order: a later kind where the other version has an earlier one sorts older. */
    private enum Kind { INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NUMBER, COMMIT_HASH, REVISION, END, INVALID }

    private ApkVersion() {
    }

    /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
    public static int compare(String a, String b) {
        Tokens x = new Tokens(a);
        Tokens y = new Tokens(b);
        x.first();
        y.first();
        while (x.kind == y.kind && x.kind.compareTo(Kind.END) < 0) {
            int rc = compareTokens(x, y);
            if (rc != 0) {
                return rc;
            }
            x.next();
            y.next();
        }
        if (x.kind == y.kind) {
            return 0;
        }
        if (x.kind == Kind.SUFFIX && x.suffix < NO_SUFFIX) {
            return -1;
        }
        if (y.kind == Kind.SUFFIX && y.suffix < NO_SUFFIX) {
            return 1;
        }
        return x.kind.compareTo(y.kind) > 0 ? -1 : 1;
    }

    private static int compareTokens(Tokens x, Tokens y) {
        return switch (x.kind) {
            case DIGIT -> x.value.startsWith("0") || y.value.startsWith("0") ? sign(x.value.compareTo(y.value)) : numbers(x.value, y.value);
            case INITIAL_DIGIT, SUFFIX_NUMBER, REVISION -> numbers(x.value, y.value);
            case SUFFIX -> Integer.compare(x.suffix, y.suffix);
            default -> sign(x.value.compareTo(y.value)); // a letter, a commit hash
        };
    }

    /** Digit runs as numbers of any length: leading zeros dropped, then the longer is larger. */
    private static int numbers(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : sign(x.compareTo(y));
    }

    private static int sign(int n) {
        return Integer.signum(n);
    }

    /** Reads a version token by token, refusing a token the one before it does not allow. */
    private static final class Tokens {
        private final String s;
        private int at;
        Kind kind;
        String value = "";
        int suffix;

        Tokens(String s) {
            this.s = s;
        }

        void first() {
            kind = Kind.INITIAL_DIGIT;
            digits();
        }

        void next() {
            if (at >= s.length()) {
                kind = Kind.END;
                return;
            }
            char c = s.charAt(at);
            if (c >= 'a' && c <= 'z') {
                if (kind.compareTo(Kind.DIGIT) > 0) {
                    invalid();
                    return;
                }
                value = String.valueOf(c);
                kind = Kind.LETTER;
                at++;
            } else if (c == '.' || (c >= '0' && c <= '9')) {
                if (c == '.') {
                    if (kind.compareTo(Kind.DIGIT) > 0) {
                        invalid();
                        return;
                    }
                    at++;
                }
                if (kind == Kind.INITIAL_DIGIT || kind == Kind.DIGIT) {
                    kind = Kind.DIGIT;
                } else if (kind == Kind.SUFFIX) {
                    kind = Kind.SUFFIX_NUMBER;
                } else {
                    invalid();
                    return;
                }
                digits();
            } else if (c == '_') {
                if (kind.compareTo(Kind.SUFFIX_NUMBER) > 0) {
                    invalid();
                    return;
                }
                int start = ++at;
                while (at < s.length() && s.charAt(at) >= 'a' && s.charAt(at) <= 'z') {
                    at++;
                }
                value = s.substring(start, at);
                suffix = value.isEmpty() ? -1 : SUFFIXES.indexOf(value);
                kind = suffix < 0 ? Kind.INVALID : Kind.SUFFIX;
            } else if (c == '~') {
                if (kind.compareTo(Kind.COMMIT_HASH) >= 0) {
                    invalid();
                    return;
                }
                int start = ++at;
                while (at < s.length() && Character.digit(s.charAt(at), 16) >= 0) {
                    at++;
                }
                value = s.substring(start, at);
                kind = value.isEmpty() ? Kind.INVALID : Kind.COMMIT_HASH;
            } else if (c == '-' && kind.compareTo(Kind.REVISION) < 0 && s.startsWith("-r", at)) {
                at += 2;
                kind = Kind.REVISION;
                digits();
            } else {
                invalid();
            }
        }

        private void digits() {
            int start = at;
            while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
            }
            value = s.substring(start, at);
            if (value.isEmpty()) {
                kind = Kind.INVALID;
            }
        }

        private void invalid() {
            kind = Kind.INVALID;
        }
    }
}
