package io.jenkins.plugins.imagelifecycle.plugin.steps;

import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuildRequest;
import io.jenkins.plugins.imagelifecycle.verify.ImageTestRunner;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/** The parameters blessImage and augmentImage share, named as the CLI's options are. */
public abstract class ContainerBuildStep extends SigningStep {
    private final String dockerfile;
    private final String target;
    private String context = ".";
    private List<String> buildArgs = new ArrayList<>();
    private List<String> tests = new ArrayList<>();
    private String outputDir = ContainerBuildRequest.DEFAULT_OUTPUT_DIR;
    private int testParallelism = ImageTestRunner.DEFAULT_PARALLELISM;
    private int testTimeout = (int) ImageTestRunner.DEFAULT_TIMEOUT.toSeconds();
    private String credentialsId;

    protected ContainerBuildStep(String dockerfile, String target) {
        this.dockerfile = dockerfile;
        this.target = target;
    }

    public String getDockerfile() {
        return dockerfile;
    }

    public String getTarget() {
        return target;
    }

    public String getContext() {
        return context;
    }

    /** Build context inside the workspace (default: the workspace itself). */
    @DataBoundSetter
    public void setContext(String context) {
        this.context = context;
    }

    public List<String> getBuildArgs() {
        return buildArgs;
    }

    /** Build arguments as {@code KEY=VALUE}; BASE_IMAGE is set by the step to the pinned parent. */
    @DataBoundSetter
    public void setBuildArgs(List<String> buildArgs) {
        this.buildArgs = buildArgs == null ? new ArrayList<>() : new ArrayList<>(buildArgs);
    }

    public List<String> getTests() {
        return tests;
    }

    /** container-structure-test specs in the workspace; the image is pushed only when all pass. */
    @DataBoundSetter
    public void setTests(List<String> tests) {
        this.tests = tests == null ? new ArrayList<>() : new ArrayList<>(tests);
    }

    public String getOutputDir() {
        return outputDir;
    }

    /** Where provenance and JUnit files are written, inside the workspace. */
    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = outputDir;
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

    /** Seconds each image test command may run. */
    @DataBoundSetter
    public void setTestTimeout(int testTimeout) {
        this.testTimeout = testTimeout;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Username/password credentials for the registries this step talks to. */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = credentialsId;
    }

    /** The parent reference (bless: upstream base; augment: blessed image) and the source directory, if any. */
    ContainerBuildRequest request(String from, String sourceDir) {
        return new ContainerBuildRequest(from, dockerfile, context, target, StepArguments.keyValues(buildArgs, "buildArgs"),
                sourceDir, outputDir, tests);
    }
}
