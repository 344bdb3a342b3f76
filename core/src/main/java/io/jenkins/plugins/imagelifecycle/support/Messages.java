package io.jenkins.plugins.imagelifecycle.support;

/** What a library's exception message contributes to ours: one line, since every error the user sees is one line. */
public final class Messages {
    private Messages() {
    }

    /** The message's first line; {@code fallback} when it has none (a library may throw without a message). */
    public static String firstLine(String message, String fallback) {
        if (message == null || message.isBlank()) {
            return fallback;
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
