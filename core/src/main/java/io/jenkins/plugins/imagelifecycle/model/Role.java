package io.jenkins.plugins.imagelifecycle.model;

import java.util.Locale;

/** What an image is in the lineage: the upstream base, a blessed image, an augmented one, or a host image. */
public enum Role {
    BASE, BLESSED, AUGMENTED, HOST;

    /** Written into the {@code io.jenkins.image-lifecycle.role} label and the catalog. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromId(String id) {
        try {
            return valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("Unknown role '" + id + "'; expected one of base, blessed, augmented, host");
        }
    }
}
