package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.io.Serializable;

/**
 * @param alreadyThere the digest already stood in the environment: nothing was copied or recorded
 * @param previous     what stood there before (promote it again to roll back), or null
 */
public record PromotionResult(String digest, String environment, String targetRef, boolean alreadyThere,
                              String previous, int attestationsCopied) implements Serializable {
}
