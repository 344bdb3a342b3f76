package io.jenkins.plugins.imagelifecycle.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.RebuildClaims;
import io.jenkins.plugins.imagelifecycle.lifecycle.OutdatedImages;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns patched upstreams and retired parents into one rebuild plan from the catalog's lineage. */
final class RebuildPlanner {
    private final Catalog catalog;

    RebuildPlanner(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param images the catalog's images as read for this check
     * @param fixes  what the checked upstreams hold, for the advisories' steps
     */
    RebuildPlan plan(Instant checkedAt, List<UpstreamStatus> upstreams, List<ImageRecord> images, UpstreamFixes fixes) {
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        Map<String, ImageRecord> byDigest = new LinkedHashMap<>();
        images.forEach(i -> byDigest.put(i.digest(), i));
        for (UpstreamStatus u : upstreams) {
            if (u.state() != UpstreamStatus.State.PATCHED) {
                continue;
            }
            String reason = "base patched: " + u.upstreamRef() + " now " + u.current();
            for (ImageRecord image : images) {
                if (isLive(image) && (image.role() == Role.BLESSED || image.role() == Role.HOST)
                        && u.upstreamRef().equals(WatchedRefs.normalise(image.baseRef())) && !u.current().equals(image.baseDigest())) {
                    addWithDescendants(reasons, image.digest(), reason);
                }
            }
        }
        parentSuperseded(images, byDigest).forEach((digest, reason) -> addWithDescendants(reasons, digest, reason));
        OutdatedImages.parentRetired(catalog).forEach((digest, reason) -> add(reasons, digest, reason));
        for (AdvisoryRebuilds.Due due : AdvisoryRebuilds.due(catalog, images)) {
            addWithDescendants(reasons, due.from().digest(), due.reason() + fixes.note(due.from(), due.finding()));
        }
        List<PlanStep> steps = new ArrayList<>();
        reasons.forEach((digest, why) -> steps.add(step(byDigest.get(digest), why)));
        steps.sort(Comparator.comparingInt((PlanStep s) -> order(s.role()))
                .thenComparing(s -> byDigest.get(s.digest()).createdAt()).thenComparing(PlanStep::digest));
        return new RebuildPlan(checkedAt, upstreams, steps, claims(upstreams));
    }

    /** The rebuilds Jenkins triggers claimed for each patched upstream's new digest: shown beside it, never left out. */
    private Map<String, List<RebuildClaims.Claim>> claims(List<UpstreamStatus> upstreams) {
        RebuildClaims claims = new RebuildClaims(catalog);
        Map<String, List<RebuildClaims.Claim>> held = new LinkedHashMap<>();
        for (UpstreamStatus u : upstreams) {
            if (u.state() == UpstreamStatus.State.PATCHED) {
                List<RebuildClaims.Claim> these = claims.held(u.upstreamRef(), u.current());
                if (!these.isEmpty()) {
                    held.put(u.upstreamRef(), these);
                }
            }
        }
        return held;
    }

    /**
     * The newest live image of each family whose parent is no longer the newest of its own family: built on
     * a blessed digest that a newer blessed image has superseded (how a host image built from
     * {@code blessed/busybox@sha256:…} learns of a rebuild). Older images of a family are left to the
     * newest, which a rebuild replaces.
     */
    static Map<String, String> parentSuperseded(List<ImageRecord> images, Map<String, ImageRecord> byDigest) {
        Map<String, ImageRecord> newest = new LinkedHashMap<>();
        for (ImageRecord image : images) {
            if (isLive(image)) {
                newest.merge(image.repository(), image, (a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (ImageRecord image : newest.values()) {
            ImageRecord parent = image.parentDigest() == null ? null : byDigest.get(image.parentDigest());
            if (parent == null) {
                continue;
            }
            ImageRecord newestParent = newest.get(parent.repository());
            if (newestParent != null && !newestParent.digest().equals(parent.digest())
                    && newestParent.createdAt().isAfter(parent.createdAt())) {
                out.put(image.digest(), "parent superseded: " + parent.repository() + " now " + newestParent.digest());
            }
        }
        return out;
    }

    private static boolean isLive(ImageRecord image) {
        return image.stage() != Stage.RETIRED && image.stage() != Stage.FAILED;
    }

    /** The image is due, and so is every live image built on it. */
    private void addWithDescendants(Map<String, List<String>> reasons, String digest, String reason) {
        add(reasons, digest, reason);
        for (ImageRecord d : catalog.descendants(digest)) {
            if (isLive(d)) {
                add(reasons, d.digest(), reason);
            }
        }
    }

    private static void add(Map<String, List<String>> reasons, String digest, String reason) {
        List<String> list = reasons.computeIfAbsent(digest, d -> new ArrayList<>());
        if (!list.contains(reason)) {
            list.add(reason);
        }
    }

    /** Blessed first, then what is built on them, then host images. */
    private static int order(Role role) {
        return switch (role) {
            case BASE -> 0;
            case BLESSED -> 1;
            case AUGMENTED -> 2;
            case HOST -> 3;
        };
    }

    private PlanStep step(ImageRecord image, List<String> reasons) {
        String builtBy = image.builtBy();
        String invocationId = null;
        for (LifecycleEvent e : catalog.history(image.digest())) {
            if (e.fromStage() == null && e.toStage() != null) {
                builtBy = e.actor();
                invocationId = invocationId(e.details());
                break;
            }
        }
        return new PlanStep(image.digest(), image.displayRef(), image.role(), reasons, image.parentDigest(), image.baseRef(),
                image.baseDigest(), image.sourceCommit(), builtBy, invocationId);
    }

    private static String invocationId(String details) {
        if (details == null || details.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.read(details).path("invocationId");
            return node.isTextual() ? node.asText() : null;
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

}
