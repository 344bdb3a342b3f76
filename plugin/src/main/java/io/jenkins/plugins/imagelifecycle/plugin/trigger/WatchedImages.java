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
 * What a job builds on, read from its recent builds: the upstream bases its blesses pinned, and the
 * blessed families its augments built on with the digest last used (newest build first wins).
 */
record WatchedImages(Set<String> upstreams, Map<String, String> families) {
    static final int RECENT_BUILDS = 10;

    static WatchedImages of(Job<?, ?> job, Catalog catalog) {
        Set<String> upstreams = new LinkedHashSet<>();
        Map<String, String> families = new LinkedHashMap<>();
        ImageLifecycleRunAction.forRecentOperations(job, RECENT_BUILDS, (run, op) -> {
            if ("bless".equals(op.getOperation())) {
                catalog.find(op.getDigest()).map(ImageRecord::baseRef).ifPresent(upstreams::add);
            } else if ("augment".equals(op.getOperation()) && op.getParent() != null) {
                catalog.find(op.getParent()).ifPresent(parent -> families.putIfAbsent(parent.repository(), parent.digest()));
            }
        });
        return new WatchedImages(upstreams, families);
    }
}
