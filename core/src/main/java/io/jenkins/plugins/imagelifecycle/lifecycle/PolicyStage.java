package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.util.Locale;

/**
 * The stages a retirement policy moves an image through, in the only order it may: deprecated, then
 * retired, then purged (its manifests deleted from the registry). Purged is not a catalog {@code Stage}: it
 * is a retired image with a {@code purge} event.
 */
public enum PolicyStage {
    DEPRECATE("deprecated"), RETIRE("retired"), PURGE("purged");

    private final String reached;

    PolicyStage(String reached) {
        this.reached = reached;
    }

    /** The key in a policy file and the action of the event: deprecate, retire, purge. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the image is once the stage is applied: deprecated, retired, purged. */
    public String reached() {
        return reached;
    }
}
