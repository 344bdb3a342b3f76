package io.jenkins.plugins.imagelifecycle.plugin.pages;

import java.util.List;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * One image a job produced and where it stands now.
 *
 * @param madeBy      the build that made it ({@code job#n}) and its URL
 * @param promotedBy  builds of this job that promoted it, with the environment, in order
 */
@ExportedBean(defaultVisibility = 2)
public record JobImage(String ref, String digest, String operation, String stage, List<String> environments,
                       boolean outdated, String outdatedReason, String eolDate, int madeByBuild, String madeByUrl,
                       List<String> promotedBy) {
    @Exported
    public String getRef() {
        return ref;
    }

    @Exported
    public String getDigest() {
        return digest;
    }

    @Exported
    public String getOperation() {
        return operation;
    }

    /** built, tested, deprecated, retired (failed attempts are never listed: they made no image). */
    @Exported
    public String getStage() {
        return stage;
    }

    /** Environments where this digest is the current one. */
    @Exported
    public List<String> getEnvironments() {
        return environments;
    }

    @Exported
    public boolean isOutdated() {
        return outdated;
    }

    @Exported
    public String getOutdatedReason() {
        return outdatedReason;
    }

    @Exported
    public String getEolDate() {
        return eolDate;
    }

    @Exported
    public int getMadeByBuild() {
        return madeByBuild;
    }

    @Exported
    public String getMadeByUrl() {
        return madeByUrl;
    }

    @Exported
    public List<String> getPromotedBy() {
        return promotedBy;
    }
}
