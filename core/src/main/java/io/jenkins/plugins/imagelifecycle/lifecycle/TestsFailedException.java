package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;

/**
 * The image was built but failed its tests, so it was not pushed. It stays on the engine that built
 * it, under its image id, for a person to inspect.
 */
public class TestsFailedException extends BuildAttemptFailedException {
    private static final long serialVersionUID = 1L;
    private final TestReport report;
    private final String imageId;

    public TestsFailedException(String target, String imageId, TestReport report, String junitFile) {
        super(target, new OperationFailedException("Image tests failed for " + target + " (" + report.summary()
                + ": " + String.join(", ", report.failedNames()) + "); it was not pushed. Inspect it on this Docker engine: "
                + "docker run --rm -it --entrypoint sh " + imageId + "  or  docker image inspect " + imageId
                + (junitFile == null ? "" : "; JUnit report: " + junitFile)));
        this.report = report;
        this.imageId = imageId;
    }

    public TestReport report() {
        return report;
    }

    public String imageId() {
        return imageId;
    }
}
