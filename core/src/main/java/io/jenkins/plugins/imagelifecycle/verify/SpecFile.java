package io.jenkins.plugins.imagelifecycle.verify;

import java.io.Serializable;

/**
 * A spec file with its name and sha256, for the record: either parsed ({@code spec}), or one that does not
 * validate ({@code problem}, the one-line reason), which counts as one failing result as in
 * container-structure-test, or one that holds no test ({@code holdsNoTest}), which counts as none: CST fails a run
 * whose files hold no test at all, and here such a run is refused before it starts ({@link SpecParser#requireTests}).
 */
public record SpecFile(String name, String sha256, TestSpec spec, String problem, boolean holdsNoTest) implements Serializable {

    public SpecFile(String name, String sha256, TestSpec spec) {
        this(name, sha256, spec, null, false);
    }

    static SpecFile invalid(String name, String sha256, String problem) {
        return new SpecFile(name, sha256, null, problem, false);
    }

    static SpecFile withoutTests(String name, String sha256, String problem) {
        return new SpecFile(name, sha256, null, problem, true);
    }

    public boolean valid() {
        return problem == null;
    }

    /** Tests as CST counts them; a file that does not validate is one (failing) result, one without tests none. */
    public int testCount() {
        return valid() ? spec.testCount() : holdsNoTest ? 0 : 1;
    }
}
