package io.jenkins.plugins.imagelifecycle.verify;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Every result of one test run of one image, with the spec files that defined it.
 *
 * @param image the image tested: a pinned reference or a local image id
 */
public record TestReport(String image, List<SpecRef> specs, List<TestResult> results, Instant startedAt,
                         Instant finishedAt) implements Serializable {

    /** A spec file by name and sha256, as recorded in the test-result statement. */
    public record SpecRef(String name, String sha256) implements Serializable {
    }

    public TestReport {
        specs = List.copyOf(specs);
        results = List.copyOf(results);
    }

    /** A run passes when it ran at least one test and every test passed: zero tests prove nothing. */
    public boolean passed() {
        return !results.isEmpty() && results.stream().allMatch(TestResult::passed);
    }

    public long passedCount() {
        return results.stream().filter(TestResult::passed).count();
    }

    public long failedCount() {
        return results.size() - passedCount();
    }

    public List<String> failedNames() {
        return results.stream().filter(r -> !r.passed()).map(TestResult::name).toList();
    }

    /** "12 passed, 1 failed" */
    public String summary() {
        return passedCount() + " passed, " + failedCount() + " failed";
    }
}
