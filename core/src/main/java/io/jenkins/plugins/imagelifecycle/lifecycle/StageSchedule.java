package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One image under one rule: which of the rule's stages still lie ahead, when each is due, and which are due
 * now. Every age counts from the image's creation, not from the day it entered the previous stage, so that
 * each date is known in advance from the record alone and does not drift with when the runs happen.
 */
final class StageSchedule {
    private final RetirePolicy.Rule rule;
    private final LineageRow image;
    private final boolean purged;
    /** Among the family's live images, newest first (0: the newest); null when it is not live (retired or failed). */
    private final Integer rank;

    StageSchedule(RetirePolicy.Rule rule, LineageRow image, boolean purged, Integer rank) {
        this.rule = rule;
        this.image = image;
        this.purged = purged;
        this.rank = rank;
    }

    LineageRow image() {
        return image;
    }

    /** The decision for this image at {@code now}; empty when the rule has nothing left for it. */
    Optional<PolicyDecision> decide(Instant now, String spared) {
        List<PolicyStage> ahead = ahead();
        if (ahead.isEmpty()) {
            return Optional.empty();
        }
        List<PolicyStage> dueNow = new ArrayList<>();
        if (spared == null) {
            for (PolicyStage stage : ahead) {
                // purge deletes from the registry, so only an image retired before it, or in this same run
                boolean retiredFirst = stage != PolicyStage.PURGE || image.stage() == Stage.RETIRED || dueNow.contains(PolicyStage.RETIRE);
                if (retiredFirst && !held(stage) && now.isAfter(dueAt(stage))) {
                    dueNow.add(stage);
                }
            }
        }
        PolicyStage next = dueNow.isEmpty()
                ? ahead.stream().filter(s -> !held(s)).findFirst().orElse(ahead.get(0))
                : dueNow.get(0);
        return Optional.of(new PolicyDecision(image.digest(), image.repository(), image.createdAt(), currentStage(), next,
                dueAt(next), held(next) ? keepNewest(next) : null, dueNow, spared, rule.reason()));
    }

    /**
     * The end-of-life date a policy deprecation records: when the rule retires the image, not before
     * {@code today}; none when the rule has no retire stage or keeps the image among its newest.
     */
    Optional<Instant> retirement() {
        return rule.stage(PolicyStage.RETIRE).filter(t -> !held(PolicyStage.RETIRE)).map(t -> dueAt(PolicyStage.RETIRE));
    }

    private String currentStage() {
        return purged ? PolicyStage.PURGE.reached() : image.stage().id();
    }

    /** The rule's stages this image has not reached yet, in order. */
    private List<PolicyStage> ahead() {
        List<PolicyStage> ahead = new ArrayList<>();
        boolean live = image.stage() != Stage.RETIRED;
        if (live && image.stage() != Stage.DEPRECATED && rule.stage(PolicyStage.DEPRECATE).isPresent()) {
            ahead.add(PolicyStage.DEPRECATE);
        }
        if (live && rule.stage(PolicyStage.RETIRE).isPresent()) {
            ahead.add(PolicyStage.RETIRE);
        }
        // a live image is purged only after a retirement this rule makes; a host image's artifacts are not in a registry
        boolean purgeable = !purged && image.role() != Role.HOST && (!live || ahead.contains(PolicyStage.RETIRE));
        if (purgeable && rule.stage(PolicyStage.PURGE).isPresent()) {
            ahead.add(PolicyStage.PURGE);
        }
        return ahead;
    }

    private Instant dueAt(PolicyStage stage) {
        return image.createdAt().plus(Duration.ofDays(rule.stage(stage).orElseThrow().afterDays()));
    }

    /** Kept by the stage's count (a purge by the retire stage's count, since it waits for the retirement). */
    private boolean held(PolicyStage stage) {
        if (stage == PolicyStage.PURGE) {
            return image.stage() != Stage.RETIRED && held(PolicyStage.RETIRE);
        }
        Integer keep = rule.stage(stage).orElseThrow().keepNewest();
        return keep != null && rank != null && rank < keep;
    }

    private Integer keepNewest(PolicyStage stage) {
        return rule.stage(stage == PolicyStage.PURGE ? PolicyStage.RETIRE : stage).orElseThrow().keepNewest();
    }
}
