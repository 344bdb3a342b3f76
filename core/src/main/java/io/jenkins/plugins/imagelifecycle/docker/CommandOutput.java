package io.jenkins.plugins.imagelifecycle.docker;

/** What a command run in a container printed and returned; {@code timedOut} when it was killed. */
public record CommandOutput(int exitCode, String stdout, String stderr, boolean timedOut) {
}
