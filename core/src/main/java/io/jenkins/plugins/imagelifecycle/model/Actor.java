package io.jenkins.plugins.imagelifecycle.model;

/** Who does things: recorded on every event and in provenance. */
public final class Actor {
    private Actor() {
    }

    /** The person at a terminal: their login name, marked as a CLI use. */
    public static String cliUser() {
        return System.getProperty("user.name", "unknown") + " (cli)";
    }
}
