package io.jenkins.plugins.imagelifecycle.watch;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The references whose check a notification has queued and that has not started yet. Notifications are cheap
 * to send and each check reaches registries, so a reference already waiting is not queued again (the waiting
 * check will see the newest push: it resolves when it starts), and at most {@code capacity} references wait at
 * once; the rest are dropped, for the scheduled checks to find. A check releases its references when it
 * starts, not when it ends: a push that lands while it runs is queued again rather than missed.
 */
public final class PendingChecks {
    public static final int DEFAULT_CAPACITY = 100;

    private final int capacity;
    private final Set<String> waiting = new HashSet<>();

    public PendingChecks(int capacity) {
        this.capacity = capacity;
    }

    /**
     * @param queued    references now waiting for the check the caller queues
     * @param coalesced references that were already waiting
     * @param dropped   references over the capacity
     */
    public record Claim(Set<String> queued, Set<String> coalesced, Set<String> dropped) {
    }

    public synchronized Claim claim(Set<String> refs) {
        Set<String> queued = new LinkedHashSet<>();
        Set<String> coalesced = new LinkedHashSet<>();
        Set<String> dropped = new LinkedHashSet<>();
        for (String ref : refs) {
            if (waiting.contains(ref)) {
                coalesced.add(ref);
            } else if (waiting.size() >= capacity) {
                dropped.add(ref);
            } else {
                waiting.add(ref);
                queued.add(ref);
            }
        }
        return new Claim(Set.copyOf(queued), Set.copyOf(coalesced), Set.copyOf(dropped));
    }

    /** The check of {@code refs} starts: a later notification of them queues a new one. */
    public synchronized void started(Set<String> refs) {
        waiting.removeAll(refs);
    }

    public synchronized int waiting() {
        return waiting.size();
    }
}
