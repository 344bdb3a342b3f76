package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.AbortException;
import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageTestOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.TestRunRecorder;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageOperation;
import io.jenkins.plugins.imagelifecycle.verify.ImageTestRunner;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code testImage(image: img.digest, tests: ['tests/image.yaml'])}: runs container-structure-test specs
 * against a catalog image on the agent's engine and records the run; the step fails when a test fails.
 */
public class TestImageStep extends Step {
    private final String image;
    private final List<String> tests;
    private String junit;
    private int testParallelism = ImageTestRunner.DEFAULT_PARALLELISM;
    private int testTimeout = (int) ImageTestRunner.DEFAULT_TIMEOUT.toSeconds();
    private String credentialsId;

    /**
     * @param tests spec files in the workspace; an entry holding several lines (the form's text area,
     *              which Stapler binds as one element) is one file per line
     */
    @DataBoundConstructor
    public TestImageStep(String image, List<String> tests) {
        this.image = image;
        this.tests = new ArrayList<>();
        for (String entry : tests == null ? List.<String>of() : tests) {
            for (String line : String.valueOf(entry).split("\\R")) {
                if (!line.isBlank()) {
                    this.tests.add(line.strip());
                }
            }
        }
    }

    public String getImage() {
        return image;
    }

    public List<String> getTests() {
        return tests;
    }

    public String getJunit() {
        return junit;
    }

    /** Also write the results as JUnit XML at this workspace path (for the junit step). */
    @DataBoundSetter
    public void setJunit(String junit) {
        this.junit = junit;
    }

    public int getTestParallelism() {
        return testParallelism;
    }

    @DataBoundSetter
    public void setTestParallelism(int testParallelism) {
        this.testParallelism = testParallelism;
    }

    public int getTestTimeout() {
        return testTimeout;
    }

    @DataBoundSetter
    public void setTestTimeout(int testTimeout) {
        this.testTimeout = testTimeout;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Username/password credentials to pull the image with. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    static final class Execution extends LifecycleStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient TestImageStep step;

        Execution(StepContext context, TestImageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute() throws Exception {
            StepArguments.required("testImage", "image", step.image, "a digest or reference of a catalog image");
            if (step.tests.isEmpty()) {
                throw new AbortException("testImage needs tests: a list of container-structure-test files in the workspace;"
                        + " a run with no test proves nothing and is not recorded");
            }
            ImageTestOperation operation = new ImageTestOperation(catalog());
            ImageRecord target = operation.target(step.image);
            TestReport report = workspace().act(new ImageTestCallable(target, step.tests, step.junit,
                    agent(step.credentialsId, List.of()), listener(), step.testParallelism, step.testTimeout));
            operation.record(target, report, identity().actor());
            ImageRecord after = catalog().require(target.digest());
            action().add(ImageOperation.succeeded(TestRunRecorder.ACTION).ref(target.displayRef()).digest(target.digest())
                    .stage(after.stage().id()).parent(target.parentDigest()).tests(report.summary(), step.junit)
                    .message(report.passed() ? null : "failed: " + String.join(", ", report.failedNames())).build(),
                    null, testDetails(target, report));
            log().println((report.passed() ? "PASSED " : "FAILED ") + target.displayRef() + ": " + report.summary());
            if (!report.passed()) {
                throw new AbortException("Image tests of " + target.displayRef() + " failed: "
                        + String.join(", ", report.failedNames()));
            }
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("ref", target.displayRef());
            map.put("digest", target.digest());
            map.put("stage", after.stage().id());
            map.put("result", "PASSED");
            map.put("passed", (int) report.passedCount());
            map.put("failed", (int) report.failedCount());
            map.put("junit", step.junit);
            return map;
        }
    }

    @Extension
    @Symbol("testImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "testImage";
        }

        @Override
        public String getDisplayName() {
            return "Test a catalog image with container-structure-test specs";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_AGENT;
        }
    }
}
