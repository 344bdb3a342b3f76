package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import hudson.model.Job;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a job builds on, read from its recent builds: the upstream bases its blesses pinned, the blessed
 * families its augments built on with the digest last used (newest build first wins), and the images
 * the builds produced (an advisory's fix for one of them schedules the job).
 */
record WatchedImages(Set<String> upstreams, Map<String, String> families, Set<String> built) {
    static final int RECENT_BUILDS = 10;
    private static final Set<String> PRODUCING = Set.of("bless", "augment", "build-host");

    static WatchedImages of(Job<?, ?> job, Catalog catalog) {
        Set<String> upstreams = new LinkedHashSet<>();
        Map<String, String> families = new LinkedHashMap<>();
        Set<String> built = new LinkedHashSet<>();
        ImageLifecycleRunAction.forRecentOperations(job, RECENT_BUILDS, (run, op) -> {
            if (PRODUCING.contains(op.getOperation())) {
                built.add(op.getDigest());
            }
            if ("bless".equals(op.getOperation())) {
                catalog.find(op.getDigest()).map(ImageRecord::baseRef).ifPresent(upstreams::add);
            } else if ("augment".equals(op.getOperation()) && op.getParent() != null) {
                catalog.find(op.getParent()).ifPresent(parent -> families.putIfAbsent(parent.repository(), parent.digest()));
            }
        });
        return new WatchedImages(upstreams, families, built);
    }
}
