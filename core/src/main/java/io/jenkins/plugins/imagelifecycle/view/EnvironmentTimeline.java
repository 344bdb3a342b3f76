package io.jenkins.plugins.imagelifecycle.view;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every digest that stood in an environment, oldest first: when, promoted (or rolled back) by whom, approved by
 * whom, verified or not, and how it left: superseded, rolled back (a rollback replaced it), or retired while
 * it stood there. Read from the catalog's placements, never from the registry.
 */
public final class EnvironmentTimeline {
    /**
     * @param verification the placement's verification state now, or null when none was recorded
     * @param left         superseded, rolled back, or null while it stands there
     * @param leftAt       when it left, or null
     * @param retired      its image is retired (it may still be the pointer)
     */
    public record Stint(Placement placement, String ref, PlacementVerification verification, String left, Instant leftAt, boolean retired,
                        boolean current) {
    }

    private EnvironmentTimeline() {
    }

    /** @param family one family, or null for every family the environment ever held */
    public static List<Stint> of(Catalog catalog, String environment, String family) {
        List<Placement> placements = family != null ? catalog.environmentHistory(environment, family)
                : catalog.environmentPlacements(environment);
        return stints(catalog, environment, placements, placements);
    }

    /**
     * The newest {@code limit} stints, newest first, of the families {@code shown} accepts: what a page of now shows. Only
     * those stints' images, pointers and verifications are read (a stint per placement of 100,000 images' families was
     * thousands of lookups for a page that shows fifty).
     */
    public static List<Stint> newest(Catalog catalog, String environment, Predicate<String> shown, int limit) {
        List<Placement> placements = catalog.environmentPlacements(environment);
        List<Placement> chosen = new ArrayList<>();
        for (int k = placements.size() - 1; k >= 0 && chosen.size() < limit; k--) {
            if (shown.test(placements.get(k).family())) {
                chosen.add(placements.get(k));
            }
        }
        return stints(catalog, environment, placements, chosen);
    }

    /** The stints of {@code chosen}, in its order; how each left is read from the whole of {@code placements}, oldest first. */
    private static List<Stint> stints(Catalog catalog, String environment, List<Placement> placements, List<Placement> chosen) {
        Map<Long, PlacementVerification> verifications = catalog.verifications(chosen.stream().map(Placement::id).toList());
        // the placement after each one in its family, oldest first: read backwards, each family's last seen is the next
        Map<Long, Placement> nextOf = new HashMap<>();
        Map<String, Placement> laterInFamily = new HashMap<>();
        for (int k = placements.size() - 1; k >= 0; k--) {
            Placement p = placements.get(k);
            Placement later = laterInFamily.put(p.family(), p);
            if (later != null) {
                nextOf.put(p.id(), later);
            }
        }
        Map<String, Optional<ImageRecord>> images = new HashMap<>();
        List<Stint> out = new ArrayList<>();
        for (Placement p : chosen) {
            Placement next = nextOf.get(p.id());
            Optional<ImageRecord> image = images.computeIfAbsent(p.digest(), catalog::find);
            boolean current = next == null && catalog.current(environment, p.family()).filter(p.digest()::equals).isPresent();
            String left = next == null ? null : next.digest().equals(p.digest()) ? "placed again" : next.isRollback() ? "rolled back" : "superseded";
            out.add(new Stint(p, image.map(ImageRecord::displayRef).orElse(p.targetRef()), verifications.get(p.id()), left,
                    next == null ? null : next.placedAt(), image.map(i -> i.stage() == Stage.RETIRED).orElse(false), current));
        }
        return out;
    }
}
