package io.jenkins.plugins.imagelifecycle.view;

import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why an image is outdated, computed (never stored) from the catalog's images: its parent is retired or
 * itself outdated, or a blessed image's base reference has been built from a newer digest since. The
 * lifecycle view and {@code status} show the same reasons. Built from lineage rows (no tags, no provenance),
 * so that it holds a hundred thousand images in a few tens of megabytes while the full records stream past.
 */
public final class OutdatedReasons {
    private final Map<String, LineageRow> byDigest = new HashMap<>();
    private final Map<String, LineageRow> newestBlessedByBase = new HashMap<>();
    private final Map<String, List<String>> memo = new HashMap<>();

    /**
     * Computes every image's reasons here, once: afterwards the object is only read, so that the listings' writing
     * threads (status renders its pages on two) may ask it at once.
     */
    public OutdatedReasons(Collection<LineageRow> all) {
        for (LineageRow i : all) {
            byDigest.put(i.digest(), i);
            if (i.role() == Role.BLESSED && i.baseRef() != null) {
                newestBlessedByBase.merge(i.baseRef(), i, (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b);
            }
        }
        for (LineageRow i : all) {
            compute(i.digest());
        }
    }

    /** Empty when the image is not outdated; a retired image is past being outdated. */
    public List<String> reasons(String digest) {
        return memo.getOrDefault(digest, List.of());
    }

    private List<String> compute(String digest) {
        LineageRow i = byDigest.get(digest);
        if (i == null || i.stage() == Stage.RETIRED) {
            return List.of();
        }
        List<String> known = memo.get(i.digest());
        if (known != null) {
            return known;
        }
        memo.put(i.digest(), List.of());
        List<String> reasons = new ArrayList<>();
        LineageRow parent = i.parentDigest() == null ? null : byDigest.get(i.parentDigest());
        if (parent != null && parent.stage() == Stage.RETIRED) {
            reasons.add("parent retired: " + parent.digest());
        } else if (parent != null && !compute(parent.digest()).isEmpty()) {
            reasons.add("parent outdated: " + parent.digest());
        }
        if (i.role() == Role.BLESSED && i.baseRef() != null) {
            LineageRow newest = newestBlessedByBase.get(i.baseRef());
            if (newest != null && i.baseDigest() != null && !i.baseDigest().equals(newest.baseDigest())) {
                reasons.add("base moved on: " + i.baseRef() + " is now " + newest.baseDigest());
            }
        }
        memo.put(i.digest(), List.copyOf(reasons));
        return memo.get(i.digest());
    }
}
