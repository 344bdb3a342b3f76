package io.jenkins.plugins.imagelifecycle.plugin.run;

import io.jenkins.plugins.imagelifecycle.support.Printable;
import java.io.Serializable;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One image operation of a run, as kept in build.xml and shown on the run's page and REST API: small
 * fields only; provenance and test details are in files beside build.xml ({@link RunFiles}).
 */
@ExportedBean(defaultVisibility = 2)
public final class ImageOperation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String outcome;
    private final String ref;
    private final String digest;
    private final String stage;
    private final String parent;
    private final String environment;
    private final String testSummary;
    private final String junitFile;
    private final String message;
    private final long timestamp;

    private ImageOperation(Builder b) {
        this.operation = b.operation;
        this.outcome = b.outcome;
        this.ref = b.ref;
        this.digest = b.digest;
        this.stage = b.stage;
        this.parent = b.parent;
        this.environment = b.environment;
        this.testSummary = b.testSummary;
        this.junitFile = b.junitFile;
        this.message = b.message;
        this.timestamp = b.timestamp;
    }

    public static Builder succeeded(String operation) {
        return new Builder(operation, "succeeded");
    }

    public static Builder failed(String operation) {
        return new Builder(operation, "failed");
    }

    /** bless, augment, build-host, test, promote or retire. */
    @Exported
    public String getOperation() {
        return operation;
    }

    /** succeeded or failed. */
    @Exported
    public String getOutcome() {
        return outcome;
    }

    @Exported
    public String getRef() {
        return ref;
    }

    @Exported
    public String getDigest() {
        return digest;
    }

    @Exported
    public String getStage() {
        return stage;
    }

    @Exported
    public String getParent() {
        return parent;
    }

    @Exported
    public String getEnvironment() {
        return environment;
    }

    @Exported
    public String getTestSummary() {
        return testSummary;
    }

    /** The JUnit XML of the image tests, as a path in the workspace of the node that ran them. */
    @Exported
    public String getJunitFile() {
        return junitFile;
    }

    @Exported
    public String getMessage() {
        return message;
    }

    /** The message as the pages show it: control characters as escapes, so it cannot pass for other text. */
    public String getPrintableMessage() {
        return Printable.of(message);
    }

    @Exported
    public long getTimestamp() {
        return timestamp;
    }

    public boolean isSucceeded() {
        return "succeeded".equals(outcome);
    }

    /** Builds an entry; every field but the operation and its outcome is optional. */
    public static final class Builder {
        private final String operation;
        private final String outcome;
        private String ref;
        private String digest;
        private String stage;
        private String parent;
        private String environment;
        private String testSummary;
        private String junitFile;
        private String message;
        private long timestamp = System.currentTimeMillis();

        private Builder(String operation, String outcome) {
            this.operation = operation;
            this.outcome = outcome;
        }

        public Builder ref(String value) {
            this.ref = value;
            return this;
        }

        public Builder digest(String value) {
            this.digest = value;
            return this;
        }

        public Builder stage(String value) {
            this.stage = value;
            return this;
        }

        public Builder parent(String value) {
            this.parent = value;
            return this;
        }

        public Builder environment(String value) {
            this.environment = value;
            return this;
        }

        public Builder tests(String summary, String junit) {
            this.testSummary = summary;
            this.junitFile = junit;
            return this;
        }

        public Builder message(String value) {
            this.message = value;
            return this;
        }

        public ImageOperation build() {
            return new ImageOperation(this);
        }
    }
}
