package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.io.PrintStream;

/**
 * Runs an environment's {@code verify} against the copy promoted there, where the front end has an engine and
 * the spec files (the CLI's machine, a Jenkins agent).
 */
public interface PlacementVerifier {
    /** Refuses, as bad input, verify settings that cannot run (a spec file missing or invalid), before anything is copied. */
    void prepare(Environment env);

    /**
     * @param image the promoted copy by digest ({@code registry/qa/app@sha256:…}), or a host image's artifact id
     * @param containerImage whether {@code image} is a container image in a registry (a host artifact is not pulled)
     * @return every result: the specs' tests, and the command as one result
     */
    TestReport verify(Environment env, String image, boolean containerImage, PrintStream log);
}
