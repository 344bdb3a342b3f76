package io.jenkins.plugins.imagelifecycle.model;

import java.util.Locale;

/**
 * Where an image is in its life. Environments are placements beside the stage, and {@code outdated}
 * is a computed flag, so neither is a stage (DESIGN.md §1).
 */
public enum Stage {
    BUILT, TESTED, FAILED, DEPRECATED, RETIRED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Stage fromId(String id) {
        try {
            return valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("Unknown stage '" + id + "'; expected one of built, tested, failed, deprecated, retired");
        }
    }
}
