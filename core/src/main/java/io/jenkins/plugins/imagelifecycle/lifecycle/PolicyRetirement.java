package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore;
import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies a staged {@link RetirePolicy} per family (repository): plans every image's next stage and when it
 * is due, spares every image that stands in an environment now and every ancestor of one, and applies the
 * due stages in order — deprecations and retirements in one catalog transaction, then purges in the registry —
 * one event per image and stage. A dry run is the plan alone; the real run applies exactly the plan's due
 * stages.
 */
public final class PolicyRetirement {
    private final Catalog catalog;
    private final EndOfLifeStore store;
    private final EndOfLife endOfLife;
    private final ProtectedImages standing;

    /** @param standing what stands in environments now; {@link CatalogPlacements#standingInEnvironments} */
    public PolicyRetirement(EndOfLife endOfLife, ProtectedImages standing) {
        this.catalog = endOfLife.catalog();
        this.store = new EndOfLifeStore(catalog);
        this.endOfLife = endOfLife;
        this.standing = standing;
    }

    /** What applies to every image of a family the policy governs, family by family, oldest image first. */
    public List<PolicyDecision> plan(RetirePolicy policy) {
        return planned(policy).stream().map(Planned::decision).toList();
    }

    /** A decision with the schedule it came from. */
    private record Planned(PolicyDecision decision, StageSchedule schedule) {
    }

    private List<Planned> planned(RetirePolicy policy) {
        Instant now = endOfLife.clock().instant();
        List<LineageRow> rows = store.all();
        Set<String> purged = store.purged();
        Map<String, String> spared = spared(rows);
        Map<String, List<LineageRow>> families = new TreeMap<>();
        rows.forEach(r -> families.computeIfAbsent(r.repository(), f -> new ArrayList<>()).add(r));
        List<Planned> planned = new ArrayList<>();
        families.forEach((family, images) -> policy.ruleFor(family).ifPresent(rule -> {
            Map<String, Integer> ranks = newestFirst(images);
            for (LineageRow image : images) {
                StageSchedule schedule = new StageSchedule(rule, image, purged.contains(image.digest()), ranks.get(image.digest()));
                schedule.decide(now, spared.get(image.digest())).ifPresent(d -> planned.add(new Planned(d, schedule)));
            }
        }));
        return planned;
    }

    /** The rank of each live (neither retired nor failed) image of a family, 0 for the newest. */
    private static Map<String, Integer> newestFirst(List<LineageRow> family) {
        List<LineageRow> live = family.stream().filter(r -> r.stage() != Stage.RETIRED && r.stage() != Stage.FAILED)
                .sorted(Comparator.comparing(LineageRow::createdAt).reversed().thenComparing(LineageRow::digest)).toList();
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            ranks.put(live.get(i).digest(), i);
        }
        return ranks;
    }

    /** Why each spared image is spared: it stands in an environment, or an image built on it does. */
    private Map<String, String> spared(List<LineageRow> rows) {
        Map<String, String> parents = new HashMap<>();
        rows.forEach(r -> parents.put(r.digest(), r.parentDigest()));
        Map<String, Set<String>> placed = new TreeMap<>(standing.environmentsByDigest());
        Map<String, String> spared = new HashMap<>();
        placed.forEach((digest, environments) -> spared.put(digest, "stands in " + String.join(", ", environments)));
        placed.forEach((digest, environments) -> {
            String ancestor = parents.get(digest);
            for (int depth = 0; ancestor != null && depth < 64 && !spared.containsKey(ancestor); depth++) {
                spared.put(ancestor, "ancestor of " + digest + ", which stands in " + String.join(", ", environments));
                ancestor = parents.get(ancestor);
            }
        });
        return spared;
    }

    /**
     * Applies the due stages of the plan: deprecations and retirements in one transaction (nothing changes when
     * any image changed meanwhile), then each purge, whose registry deletions follow the catalog commit.
     *
     * @param policySource where the policy came from, recorded in each event's details
     */
    public PolicyRunResult apply(RetirePolicy policy, String policySource, PrintStream log) {
        List<PolicyDecision> decisions = catalog.inTransaction(c -> {
            List<Planned> planned = planned(policy);
            deprecateAndRetire(planned, policySource);
            return planned.stream().map(Planned::decision).toList();
        });
        long deprecated = decisions.stream().filter(d -> d.due(PolicyStage.DEPRECATE)).count();
        long retired = decisions.stream().filter(d -> d.due(PolicyStage.RETIRE)).count();
        log.println("Policy " + policySource + ": deprecated " + deprecated + ", retired " + retired + " image(s)");
        List<ManifestDeletion.Outcome> removals = new ArrayList<>();
        for (PolicyDecision d : decisions) {
            if (d.due(PolicyStage.PURGE)) {
                removals.addAll(endOfLife.purge(d.digest(), "policy: " + d.reason(), Json.object().put("policy", policySource), log));
            }
        }
        return new PolicyRunResult(decisions, removals);
    }

    private void deprecateAndRetire(List<Planned> planned, String policySource) {
        Instant now = endOfLife.clock().instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LifecycleEvent> retirements = new ArrayList<>();
        for (Planned p : planned) {
            PolicyDecision d = p.decision();
            String ref = d.repository() + "@" + d.digest();
            Stage stage = p.schedule().image().stage();
            if (d.due(PolicyStage.DEPRECATE)) {
                // the end of life is the day the rule retires the image, so promotion stops when retirement comes
                LocalDate eol = p.schedule().retirement().map(at -> LocalDate.ofInstant(at, ZoneOffset.UTC))
                        .map(date -> date.isBefore(today) ? today : date).orElse(null);
                var details = Json.object().put("policy", policySource).put("eolDate", eol == null ? null : eol.toString());
                store.deprecate(d.digest(), stage, eol, new LifecycleEvent(0, now, endOfLife.actor(), PolicyStage.DEPRECATE.id(),
                        d.digest(), ref, stage, Stage.DEPRECATED, "policy: " + d.reason(), Json.write(details)));
                stage = Stage.DEPRECATED;
            }
            if (d.due(PolicyStage.RETIRE)) {
                retirements.add(new LifecycleEvent(0, now, endOfLife.actor(), PolicyStage.RETIRE.id(), d.digest(), ref, stage,
                        Stage.RETIRED, "policy: " + d.reason(), Json.write(Json.object().put("policy", policySource))));
            }
        }
        store.retireSparingStanding(retirements);
    }
}
