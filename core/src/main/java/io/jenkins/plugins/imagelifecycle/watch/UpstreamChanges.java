package io.jenkins.plugins.imagelifecycle.watch;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job that builds on images should be rebuilt for: an upstream base it blessed was patched (the
 * watch's PATCHED state, quiet period applied), or a blessed family it augments from has a newer blessed
 * image than the one it last built on (the cascade), or an advisory's fix is available for an image it built.
 */
public final class UpstreamChanges {
    /** One reason to rebuild: {@code ref} moved from {@code previous} to {@code current}. */
    public record Change(String ref, String previous, String current, String reason) implements Serializable {
    }

    private UpstreamChanges() {
    }

    /** Patched upstream bases among {@code refs}; references no blessed image was built from are ignored. */
    public static List<Change> patchedUpstreams(UpstreamWatch watch, Collection<String> refs) {
        return patchedUpstreams(watch, refs, unreachable -> { });
    }

    /** @param unreachable told of each reference that could not be resolved (a registry down, refused, or not allowed) */
    public static List<Change> patchedUpstreams(UpstreamWatch watch, Collection<String> refs,
                                                java.util.function.Consumer<UpstreamStatus> unreachable) {
        List<Change> changes = new ArrayList<>();
        if (refs.isEmpty()) {
            return changes;
        }
        for (UpstreamStatus s : watch.statuses(refs)) {
            if (s.state() == UpstreamStatus.State.UNREACHABLE) {
                unreachable.accept(s);
            }
            if (s.state() == UpstreamStatus.State.PATCHED) {
                changes.add(new Change(s.upstreamRef(), s.builtFrom(), s.current(), "upstream image patched"));
            }
        }
        return changes;
    }

    /**
     * Blessed families with a newer blessed image than the digest last built on.
     *
     * @param usedByFamily blessed repository (e.g. {@code registry/blessed/debian}) → the parent digest last used
     */
    public static List<Change> newerBlessed(Catalog catalog, Map<String, String> usedByFamily) {
        List<Change> changes = new ArrayList<>();
        if (usedByFamily.isEmpty()) {
            return changes;
        }
        List<ImageRecord> images = catalog.images();
        usedByFamily.forEach((family, used) -> newestBlessed(images, family)
                .filter(newest -> !newest.digest().equals(used))
                .filter(newest -> isNewer(images, newest, used))
                .ifPresent(newest -> changes.add(new Change(family, used, newest.digest(), "new blessed image"))));
        return changes;
    }

    /**
     * Open findings with a fix available whose rebuild starts at an image the job built, first opened after
     * the job's last build began: each advisory on each package of a family schedules the job once, as a
     * new digest does, even when the rebuild cannot fix it yet (the next import with a new fix does).
     *
     * @param built              digests the job's recent builds produced
     * @param lastBuildScheduled when the job's newest build was scheduled; null when it has none
     */
    public static List<Change> advisoryFixes(Catalog catalog, Collection<String> built, java.time.Instant lastBuildScheduled) {
        List<Change> changes = new ArrayList<>();
        if (built.isEmpty()) {
            return changes;
        }
        for (AdvisoryRebuilds.Due due : AdvisoryRebuilds.due(catalog, catalog.images())) {
            if (built.contains(due.from().digest()) && (lastBuildScheduled == null || due.firstOpened().isAfter(lastBuildScheduled))) {
                Change change = new Change(due.from().displayRef(), due.from().digest(), "", "advisory fix available: " + due.reason());
                if (!changes.contains(change)) {
                    changes.add(change);
                }
            }
        }
        return changes;
    }

    /** The newest blessed image of a family that can still be built upon. */
    public static Optional<ImageRecord> newestBlessed(Collection<ImageRecord> images, String family) {
        return images.stream()
                .filter(i -> i.role() == Role.BLESSED && i.repository().equals(family))
                .filter(i -> i.stage() != Stage.RETIRED && i.stage() != Stage.FAILED)
                .max(Comparator.comparing(ImageRecord::createdAt));
    }

    private static boolean isNewer(List<ImageRecord> images, ImageRecord newest, String used) {
        return images.stream().filter(i -> i.digest().equals(used)).findFirst()
                .map(u -> newest.createdAt().isAfter(u.createdAt())).orElse(true);
    }
}
