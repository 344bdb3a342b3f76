package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore;
import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a {@link RetirePolicy} per family (repository): selects what to retire, spares every image
 * that stands in a protected environment and every ancestor of one, and retires the rest in one
 * transaction with one event each. A dry run only returns the plan.
 */
public final class PolicyRetirement {
    private final EndOfLifeStore store;
    private final ProtectedImages protectedImages;
    private final String actor;
    private final Clock clock;

    public PolicyRetirement(Catalog catalog, ProtectedImages protectedImages, String actor, Clock clock) {
        this.store = new EndOfLifeStore(catalog);
        this.protectedImages = protectedImages;
        this.actor = actor;
        this.clock = clock;
    }

    public List<PolicyDecision> plan(RetirePolicy policy) {
        Instant now = clock.instant();
        List<LineageRow> rows = store.all();
        Set<String> spared = protectedWithAncestors(rows);
        Map<String, List<LineageRow>> families = new LinkedHashMap<>();
        for (LineageRow row : rows) {
            if (row.stage() != Stage.RETIRED) {
                families.computeIfAbsent(row.repository(), r -> new ArrayList<>()).add(row);
            }
        }
        Map<String, PolicyDecision> decisions = new LinkedHashMap<>();
        families.forEach((family, images) -> {
            images.sort(Comparator.comparing(LineageRow::createdAt).reversed().thenComparing(LineageRow::digest));
            for (RetirePolicy.Rule rule : policy.rules()) {
                if (!rule.matches(family)) {
                    continue;
                }
                for (int i = 0; i < images.size(); i++) {
                    LineageRow image = images.get(i);
                    if (selected(rule, i, image, now) && !decisions.containsKey(image.digest())) {
                        boolean spare = spared.contains(image.digest());
                        decisions.put(image.digest(), new PolicyDecision(image.digest(), family, image.createdAt(), !spare,
                                spare ? "spared: stands in a protected environment or is the parent of an image that does"
                                        : rule.reason()));
                    }
                }
            }
        });
        return List.copyOf(decisions.values());
    }

    private static boolean selected(RetirePolicy.Rule rule, int newestIndex, LineageRow image, Instant now) {
        boolean beyondNewest = rule.keepNewest() == null || newestIndex >= rule.keepNewest();
        boolean old = rule.olderThanDays() == null
                || image.createdAt().isBefore(now.minus(Duration.ofDays(rule.olderThanDays())));
        return beyondNewest && old;
    }

    private Set<String> protectedWithAncestors(List<LineageRow> rows) {
        Map<String, String> parents = new HashMap<>();
        rows.forEach(r -> parents.put(r.digest(), r.parentDigest()));
        Set<String> spared = new HashSet<>();
        for (String digest : protectedImages.digests()) {
            String current = digest;
            for (int depth = 0; current != null && depth < 64 && spared.add(current); depth++) {
                current = parents.get(current);
            }
        }
        return spared;
    }

    /** Retires what the plan selects, in one transaction, one event per image; returns the plan applied. */
    public List<PolicyDecision> apply(RetirePolicy policy, String policySource) {
        List<PolicyDecision> decisions = plan(policy);
        Map<String, Stage> stages = new HashMap<>();
        store.all().forEach(r -> stages.put(r.digest(), r.stage()));
        Instant now = clock.instant();
        String details = Json.write(Json.object().put("policy", policySource));
        List<LifecycleEvent> events = new ArrayList<>();
        for (PolicyDecision d : decisions) {
            if (d.retire()) {
                events.add(new LifecycleEvent(0, now, actor, "retire", d.digest(), d.repository() + "@" + d.digest(),
                        stages.get(d.digest()), Stage.RETIRED, "policy: " + d.reason(), details));
            }
        }
        store.retire(events);
        return decisions;
    }

}
