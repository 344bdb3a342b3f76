package io.jenkins.plugins.imagelifecycle.view;

import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each family's newest versions (a family is a repository and a role) and the version before each: the view
 * carries release notes for those only, so that a catalog of thousands of images still draws at once (the CLI's
 * release-notes command answers for any image). Computed once from lineage rows, oldest first.
 */
final class FamilyVersions {
    /** How many of each family's newest images carry release notes in the view. */
    static final int RELEASE_NOTES_PER_FAMILY = 5;

    /** digest → the digest of the version before it, or null for the first of its family; newest versions only. */
    private final Map<String, String> previousOfNewest = new HashMap<>();

    private FamilyVersions() {
    }

    /** @param oldestFirst every image, ordered by creation */
    static FamilyVersions of(List<LineageRow> oldestFirst) {
        Map<String, List<LineageRow>> byFamily = new HashMap<>();
        for (LineageRow row : oldestFirst) {
            byFamily.computeIfAbsent(row.repository() + " " + row.role().id(), f -> new ArrayList<>()).add(row);
        }
        FamilyVersions out = new FamilyVersions();
        for (List<LineageRow> family : byFamily.values()) {
            for (int k = Math.max(0, family.size() - RELEASE_NOTES_PER_FAMILY); k < family.size(); k++) {
                out.previousOfNewest.put(family.get(k).digest(), previous(family, k));
            }
        }
        return out;
    }

    /** The newest version created strictly before {@code family[k]} that did not fail, as release notes compare with. */
    private static String previous(List<LineageRow> family, int k) {
        LineageRow image = family.get(k);
        for (int j = k - 1; j >= 0; j--) {
            LineageRow candidate = family.get(j);
            if (candidate.stage() != Stage.FAILED && candidate.createdAt().isBefore(image.createdAt())) {
                return candidate.digest();
            }
        }
        return null;
    }

    boolean amongNewest(String digest) {
        return previousOfNewest.containsKey(digest);
    }

    /** The version before one of the newest; empty for the first of its family or an image not among the newest. */
    Optional<String> previous(String digest) {
        return Optional.ofNullable(previousOfNewest.get(digest));
    }
}
