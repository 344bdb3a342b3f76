package io.jenkins.plugins.imagelifecycle.model;

/**
 * The job in an actor recorded by a Jenkins build ({@code alice via team/app#7}, or {@code team/app#7} when no user
 * started it): whose test run counts for a protected environment is decided by job, not by user.
 */
public final class RunActors {
    private RunActors() {
    }

    /** @return {@code team/app}, or null for an actor that is not a Jenkins run (a CLI user) */
    public static String jobOf(String actor) {
        if (actor == null) {
            return null;
        }
        int via = actor.lastIndexOf(" via ");
        String run = via < 0 ? actor : actor.substring(via + 5);
        int hash = run.lastIndexOf('#');
        if (hash <= 0 || hash == run.length() - 1 || !run.substring(hash + 1).chars().allMatch(Character::isDigit)) {
            return null;
        }
        return run.substring(0, hash);
    }

    /** The job itself, or a folder above it ({@code team} or {@code team/} names every job under team). */
    public static boolean matches(String job, String jobOrFolder) {
        String f = jobOrFolder.strip();
        if (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return !f.isEmpty() && (job.equals(f) || job.startsWith(f + "/"));
    }
}
