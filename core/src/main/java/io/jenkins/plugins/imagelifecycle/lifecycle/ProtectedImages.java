package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.util.Map;
import java.util.Set;

/**
 * The images that stand in an environment now (each environment's current pointer, not its history): a policy
 * run never touches them nor their ancestors. {@link CatalogPlacements#standingInEnvironments} answers it from
 * the catalog.
 */
@FunctionalInterface
public interface ProtectedImages {
    ProtectedImages NONE = Map::of;

    /** Digest to the names of the environments it stands in now. */
    Map<String, Set<String>> environmentsByDigest();
}
