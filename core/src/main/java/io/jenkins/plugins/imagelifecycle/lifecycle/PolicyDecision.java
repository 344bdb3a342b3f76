package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Where a policy takes one image next, and what a run does with it now.
 *
 * @param currentStage    its stage now: built, tested, failed, deprecated, retired, or purged
 * @param nextStage       the stage the policy puts it in next (the first of {@code dueNow} when any is due)
 * @param dueAt           when the next stage's age is reached (the stage is due once this instant has passed); may be
 *                        in the future
 * @param keptAmongNewest the next stage's {@code keepNewest} when the image is among that many newest live images of
 *                        its family, which holds the stage whatever the image's age; null otherwise
 * @param dueNow          the stages a run applies now, in order; empty when nothing is due or the image is spared
 * @param spared          why the policy leaves it alone (it, or an image built on it, stands in an environment); null
 *                        when it is not spared
 * @param reason          the rule's reason, recorded on each event as {@code policy: <reason>}
 */
public record PolicyDecision(String digest, String repository, Instant createdAt, String currentStage, PolicyStage nextStage,
                             Instant dueAt, Integer keptAmongNewest, List<PolicyStage> dueNow, String spared, String reason)
        implements Serializable {
    public PolicyDecision {
        dueNow = List.copyOf(dueNow);
    }

    public boolean due(PolicyStage stage) {
        return dueNow.contains(stage);
    }
}
