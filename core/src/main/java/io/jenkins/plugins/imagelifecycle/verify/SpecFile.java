package io.jenkins.plugins.imagelifecycle.verify;

import java.io.Serializable;

/**
 * A spec file with its name and sha256, for the record: either parsed ({@code spec}) or one that does not
 * validate ({@code problem}, the one-line reason), which counts as one failing result as in
 * container-structure-test.
 */
public record SpecFile(String name, String sha256, TestSpec spec, String problem) implements Serializable {

    public SpecFile(String name, String sha256, TestSpec spec) {
        this(name, sha256, spec, null);
    }

    static SpecFile invalid(String name, String sha256, String problem) {
        return new SpecFile(name, sha256, null, problem);
    }

    public boolean valid() {
        return problem == null;
    }

    /** Tests as CST counts them; a file that does not validate is one (failing) result. */
    public int testCount() {
        return valid() ? spec.testCount() : 1;
    }
}
