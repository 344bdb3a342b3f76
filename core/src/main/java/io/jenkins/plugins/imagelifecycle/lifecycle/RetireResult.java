package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import java.io.Serializable;
import java.util.List;

/**
 * What a retirement did.
 *
 * @param retired  the digests now retired, the named image first
 * @param outdated descendants left in place and flagged {@code outdated: parent retired}
 * @param removals what happened to each manifest asked to be deleted from the registry
 */
public record RetireResult(List<String> retired, List<String> outdated, List<ManifestDeletion.Outcome> removals)
        implements Serializable {
    public RetireResult {
        retired = List.copyOf(retired);
        outdated = List.copyOf(outdated);
        removals = List.copyOf(removals);
    }
}
