package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import io.jenkins.plugins.imagelifecycle.watch.UpstreamChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The started upstream triggers, as Jenkins starts and stops them with their jobs: the webhook and the
 * cascade after a bless reach them here.
 */
public final class UpstreamTriggers {
    private static final Logger LOGGER = Logger.getLogger(UpstreamTriggers.class.getName());
    private static final List<UpstreamImageTrigger> STARTED = new CopyOnWriteArrayList<>();

    private UpstreamTriggers() {
    }

    static void register(UpstreamImageTrigger trigger) {
        STARTED.removeIf(t -> t.getJob() == trigger.getJob());
        STARTED.add(trigger);
    }

    static void unregister(UpstreamImageTrigger trigger) {
        STARTED.remove(trigger);
    }

    static void forget(hudson.model.Item job) {
        STARTED.removeIf(t -> t.getJob() == job);
    }

    /** How many triggers are started. */
    public static int started() {
        return STARTED.size();
    }

    /** Checks every started trigger against pushed references; returns the jobs scheduled, by full name. */
    public static Map<String, List<UpstreamChanges.Change>> pushed(Set<String> refs) {
        Map<String, List<UpstreamChanges.Change>> scheduled = new java.util.LinkedHashMap<>();
        for (UpstreamImageTrigger t : STARTED) {
            try {
                List<UpstreamChanges.Change> changes = t.check(refs);
                if (!changes.isEmpty() && t.lastScheduled()) {
                    scheduled.put(t.getJob().getFullName(), changes);
                }
            } catch (RuntimeException e) {
                // one job's failing check (a bad reference, a registry down) must not keep the others from theirs
                LOGGER.log(Level.WARNING, "Upstream image check of " + t.getJob().getFullName() + " failed", e);
            }
        }
        return scheduled;
    }

    /** The cascade: a new blessed image of {@code family} schedules the jobs that augment from it, but not the one that blessed it. */
    public static List<String> blessed(String family, String blessedByJob) {
        List<String> scheduled = new ArrayList<>();
        for (UpstreamImageTrigger t : STARTED) {
            try {
                if (!t.getJob().getFullName().equals(blessedByJob) && t.blessed(family)) {
                    scheduled.add(t.getJob().getFullName());
                }
            } catch (RuntimeException e) {
                // the bless that cascades has already succeeded; a failing check must not fail it
                LOGGER.log(Level.WARNING, "Cascade check of " + t.getJob().getFullName() + " failed", e);
            }
        }
        return scheduled;
    }
}
