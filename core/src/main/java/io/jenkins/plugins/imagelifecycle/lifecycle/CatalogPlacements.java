package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Role;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What end of life needs to know of promotion, answered from the catalog's placements. */
public final class CatalogPlacements {
    private CatalogPlacements() {
    }

    /** Every registry copy promotion made of an image, pinned by its digest (host images have none). */
    public static EnvironmentCopies copies(Catalog catalog) {
        return image -> {
            if (image.role() == Role.HOST) {
                return List.of();
            }
            Set<ImageRef> refs = new LinkedHashSet<>();
            for (Placement p : catalog.placements(image.digest())) {
                refs.add(ImageRef.parse(p.targetRef()).withoutDigest().withDigest(Digest.parse(image.digest())));
            }
            return List.copyOf(refs);
        };
    }

    /**
     * What stands in every environment now, protected or not: a retirement policy never touches what an
     * environment holds, whoever may promote there.
     */
    public static ProtectedImages standingInEnvironments(Catalog catalog) {
        return () -> {
            Map<String, Set<String>> standing = new TreeMap<>();
            for (Placement p : catalog.currentPlacements()) {
                standing.computeIfAbsent(p.digest(), d -> new TreeSet<>()).add(p.environment());
            }
            return standing;
        };
    }
}
