package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Role;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** The digests that stand now in the environments the configuration marks protected. */
    public static ProtectedImages inProtectedEnvironments(Catalog catalog, LifecycleConfig config) {
        Set<String> protectedEnvs = config.environments().stream().filter(Environment::protectedEnv).map(Environment::name)
                .collect(Collectors.toSet());
        return () -> catalog.currentPlacements().stream().filter(p -> protectedEnvs.contains(p.environment()))
                .map(Placement::digest).collect(Collectors.toSet());
    }
}
