package io.jenkins.plugins.imagelifecycle.catalog;

import java.time.Instant;

/** An image's latest test run, as listings show it, and how many runs it has had. */
public record TestRunTally(String result, int passed, int failed, Instant finishedAt, int runs) {
}
