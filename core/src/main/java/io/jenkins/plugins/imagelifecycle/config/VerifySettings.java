package io.jenkins.plugins.imagelifecycle.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What proves an image works <em>in</em> an environment, run against the promoted copy after each promotion:
 * container-structure-test specs, and/or a command (a smoke test against the deployed service) that finds the
 * promoted reference in {@code IMAGE} (and {@code IMAGE_DIGEST}, {@code ENVIRONMENT}) in its environment.
 *
 * @param tests   spec files (CLI: paths; Jenkins: workspace paths)
 * @param command the program and its arguments, run without a shell; empty: none
 * @param timeout how long the whole verification may take ({@code 10m} by default); past it the command is
 *                killed with its children and the placement marked failed
 */
public record VerifySettings(@JsonProperty("tests") List<String> tests, @JsonProperty("command") List<String> command,
                             @JsonProperty("timeout") String timeout) implements Serializable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public VerifySettings {
        tests = tests == null ? List.of() : List.copyOf(tests);
        command = command == null ? List.of() : List.copyOf(command);
        Duration parsed = Durations.parse(timeout, "verify timeout");
        if (parsed != null && parsed.isZero()) {
            throw new BadInputException("verify timeout '" + timeout + "' is zero; expected a positive duration such as 5m");
        }
    }

    public boolean isEmpty() {
        return tests.isEmpty() && command.isEmpty();
    }

    public Duration timeoutDuration() {
        Duration d = Durations.parse(timeout, "verify timeout");
        return d == null ? DEFAULT_TIMEOUT : d;
    }
}
