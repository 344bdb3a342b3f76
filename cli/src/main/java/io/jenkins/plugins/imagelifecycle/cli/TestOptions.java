package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.verify.ImageTestRunner;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How image tests run: in parallel up to a limit, each command within a time limit. */
final class TestOptions {
    @Option(names = "--test-parallelism", paramLabel = "N", defaultValue = "" + ImageTestRunner.DEFAULT_PARALLELISM,
            description = "Independent image tests run at once (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(names = "--test-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Time limit of each command test, in seconds; 0 for none, as in container-structure-test (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    /** Refused before anything else is looked at: no catalog, engine or registry is asked about a run that cannot be. */
    void check() {
        ImageTestRunner.checkSettings(parallelism, timeout());
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
