package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a policy run does (or, in a dry run, would do) with one image.
 *
 * @param retire true to retire; false when a rule selected it but it is protected
 * @param reason the rule's reason, or why it is spared
 */
public record PolicyDecision(String digest, String repository, Instant createdAt, boolean retire, String reason)
        implements Serializable {
}
