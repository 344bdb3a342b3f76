package io.jenkins.plugins.imagelifecycle.view;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why an image is outdated, computed (never stored) from the catalog's images: its parent is retired or
 * itself outdated, or a blessed image's base reference has been built from a newer digest since. The
 * lifecycle view and {@code status} show the same reasons.
 */
public final class OutdatedReasons {
    private final Map<String, ImageRecord> byDigest = new HashMap<>();
    private final Map<String, ImageRecord> newestBlessedByBase = new HashMap<>();
    private final Map<String, List<String>> memo = new HashMap<>();

    public OutdatedReasons(List<ImageRecord> all) {
        for (ImageRecord i : all) {
            byDigest.put(i.digest(), i);
            if (i.role() == Role.BLESSED && i.baseRef() != null) {
                newestBlessedByBase.merge(i.baseRef(), i, (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b);
            }
        }
    }

    /** Empty when the image is not outdated; a retired image is past being outdated. */
    public List<String> reasons(ImageRecord i) {
        if (i.stage() == Stage.RETIRED) {
            return List.of();
        }
        List<String> known = memo.get(i.digest());
        if (known != null) {
            return known;
        }
        memo.put(i.digest(), List.of());
        List<String> reasons = new ArrayList<>();
        ImageRecord parent = i.parentDigest() == null ? null : byDigest.get(i.parentDigest());
        if (parent != null && parent.stage() == Stage.RETIRED) {
            reasons.add("parent retired: " + parent.digest());
        } else if (parent != null && !reasons(parent).isEmpty()) {
            reasons.add("parent outdated: " + parent.digest());
        }
        if (i.role() == Role.BLESSED && i.baseRef() != null) {
            ImageRecord newest = newestBlessedByBase.get(i.baseRef());
            if (newest != null && i.baseDigest() != null && !i.baseDigest().equals(newest.baseDigest())) {
                reasons.add("base moved on: " + i.baseRef() + " is now " + newest.baseDigest());
            }
        }
        memo.put(i.digest(), List.copyOf(reasons));
        return memo.get(i.digest());
    }
}
