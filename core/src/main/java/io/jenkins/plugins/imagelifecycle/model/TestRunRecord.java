package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * One recorded run of image tests against a digest.
 *
 * @param result    PASSED or FAILED
 * @param specs     JSON list of the spec files (name, sha256)
 * @param junitXml  the JUnit XML report
 * @param statement the in-toto test-result statement as JSON
 */
public record TestRunRecord(long id, String digest, Instant startedAt, Instant finishedAt, String actor, String result,
                            int passed, int failed, String specs, String junitXml, String statement) implements Serializable {

    public boolean isPassed() {
        return "PASSED".equals(result);
    }
}
