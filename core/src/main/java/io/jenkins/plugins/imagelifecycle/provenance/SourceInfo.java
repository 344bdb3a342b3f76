package io.jenkins.plugins.imagelifecycle.provenance;

import java.io.Serializable;

/**
 * Facts about the application source an image was built from. {@code controlled == false} means the
 * source directory is not in a Git repository: recorded as "no source control", not an error.
 *
 * @param remoteUrl the {@code origin} URL with any user name or password removed
 */
public record SourceInfo(boolean controlled, String commit, String branch, String remoteUrl, boolean dirty)
        implements Serializable {

    public static SourceInfo none() {
        return new SourceInfo(false, null, null, null, false);
    }
}
