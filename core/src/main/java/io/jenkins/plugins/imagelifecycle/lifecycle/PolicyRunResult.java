package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import java.io.Serializable;
import java.util.List;

/**
 * What a policy run did.
 *
 * @param decisions the plan it applied: each image's due stages are what it did to it
 * @param removals  what happened to each manifest its purges asked the registry to delete
 */
public record PolicyRunResult(List<PolicyDecision> decisions, List<ManifestDeletion.Outcome> removals) implements Serializable {
    public PolicyRunResult {
        decisions = List.copyOf(decisions);
        removals = List.copyOf(removals);
    }
}
