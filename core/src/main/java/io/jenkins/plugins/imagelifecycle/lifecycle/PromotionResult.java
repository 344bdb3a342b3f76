package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import java.io.Serializable;

/**
 * @param alreadyThere the digest already stood in the environment: nothing was copied or recorded
 * @param previous     what stood there before (promote it again to roll back), or null
 * @param verification the placement's verification state after the promotion, or null when the environment
 *                     verifies nothing
 */
public record PromotionResult(String digest, String environment, String targetRef, boolean alreadyThere,
                              String previous, int attestationsCopied, PlacementVerification verification) implements Serializable {
    public PromotionResult(String digest, String environment, String targetRef, boolean alreadyThere, String previous,
                           int attestationsCopied) {
        this(digest, environment, targetRef, alreadyThere, previous, attestationsCopied, null);
    }

    /** Promoted and verified, or into an environment that verifies nothing. */
    public boolean verificationFailed() {
        return verification != null && verification.state() == PlacementVerification.State.FAILED;
    }

    PromotionResult withVerification(PlacementVerification v) {
        return new PromotionResult(digest, environment, targetRef, alreadyThere, previous, attestationsCopied, v);
    }
}
