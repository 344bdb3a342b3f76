package io.jenkins.plugins.imagelifecycle.catalog;

/**
 * What the operations take for granted of the catalog's tables, each checked by {@link CatalogCheck}. The ids name the
 * tables and columns they are about, so a violation says where to look.
 */
public enum CatalogInvariant {
    PLACEMENT_IMAGE_EXISTS("placement-image-exists", "every placement's digest is an image in images"),
    EVENT_IMAGE_EXISTS("event-image-exists",
            "every event that names a digest (signatures and verifications included) names an image in images"),
    FINDING_IMAGE_EXISTS("finding-image-exists", "every finding's digest (an advisory matched) is an image in images"),
    TEST_RUN_IMAGE_EXISTS("test-run-image-exists", "every test run's digest is an image in images"),
    VERIFICATION_PLACEMENT_EXISTS("verification-placement-exists",
            "every row of placement_verifications belongs to a placement in placements"),
    POINTER_IS_NEWEST_PLACEMENT("pointer-is-newest-placement",
            "each environment pointer names the digest of the newest placement of its environment and family, "
                    + "and every environment and family with placements has a pointer, unless its newest placement's image "
                    + "was retired (withdrawn)"),
    NO_RETIRED_IMAGE_STANDING("no-retired-image-standing", "no environment pointer names a retired image"),
    LINEAGE_ACYCLIC("lineage-acyclic", "following parent_digest from an image never leads back to it");

    private final String id;
    private final String rule;

    CatalogInvariant(String id, String rule) {
        this.id = id;
        this.rule = rule;
    }

    public String id() {
        return id;
    }

    /** What holds in a sound catalog, in a person's words. */
    public String rule() {
        return rule;
    }
}
