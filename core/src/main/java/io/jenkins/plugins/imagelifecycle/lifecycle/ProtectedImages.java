package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.util.Set;

/**
 * The digests that stand in a protected environment (e.g. prod). Policy retirement never touches them
 * nor their ancestors. The promotion feature's placements answer this; until it is wired, none are.
 */
@FunctionalInterface
public interface ProtectedImages {
    ProtectedImages NONE = () -> Set.of();

    Set<String> digests();
}
