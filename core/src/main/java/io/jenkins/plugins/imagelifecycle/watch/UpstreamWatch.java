package io.jenkins.plugins.imagelifecycle.watch;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.UpstreamObservations;
import io.jenkins.plugins.imagelifecycle.contents.InventoryReader;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks the tracked upstream references against the registry (HEAD requests, concurrently within a
 * limit), applies the quiet period, and makes one rebuild plan of everything found in the check.
 */
public final class UpstreamWatch {
    private final Catalog catalog;
    private final RegistryClient registry;
    private final UpstreamObservations observations;
    private final int concurrency;
    private final Duration quietPeriod;
    private final Clock clock;

    /**
     * @param concurrency at most this many registry requests at once (1…256)
     * @param quietPeriod how long a new digest must stand unchanged before it counts as a patch
     */
    public UpstreamWatch(Catalog catalog, RegistryClient registry, int concurrency, Duration quietPeriod, Clock clock) {
        if (concurrency < 1 || concurrency > 256) {
            throw new BadInputException("Concurrency " + concurrency + " is out of range; expected 1 to 256");
        }
        if (quietPeriod.isNegative()) {
            throw new BadInputException("Quiet period " + quietPeriod + " is negative; expected 0 or more");
        }
        this.catalog = catalog;
        this.registry = registry;
        this.observations = new UpstreamObservations(catalog);
        this.concurrency = concurrency;
        this.quietPeriod = quietPeriod;
        this.clock = clock;
    }

    /** The upstream references the watch tracks now. */
    public Set<String> tracked() {
        return WatchedRefs.newestByUpstream(catalog.images()).keySet();
    }

    /** The plan without checking any upstream: what advisories (and retired parents) call for now. */
    public RebuildPlan planWithoutUpstreams() {
        return new RebuildPlanner(catalog).plan(clock.instant(), List.of(), catalog.images(), new UpstreamFixes(List.of(), pinned -> List.of()));
    }

    /** Checks every tracked upstream reference. */
    public RebuildPlan check() {
        return check(null);
    }

    /** Checks the given upstream references (null: all tracked); unknown ones are ignored. */
    public RebuildPlan check(Collection<String> only) {
        Instant now = clock.instant();
        List<ImageRecord> images = catalog.images();
        List<UpstreamStatus> statuses = statuses(only, images, now);
        InventoryReader inventories = new InventoryReader(registry);
        return new RebuildPlanner(catalog).plan(now, statuses, images, new UpstreamFixes(statuses, pinned -> inventories.read(pinned).packages()));
    }

    /**
     * The given upstream references' states alone (null: all tracked), with no plan: what the Jenkins trigger
     * needs, without the plan's advisory steps and the newer upstreams' packages they read.
     */
    public List<UpstreamStatus> statuses(Collection<String> only) {
        return statuses(only, catalog.images(), clock.instant());
    }

    private List<UpstreamStatus> statuses(Collection<String> only, List<ImageRecord> images, Instant now) {
        Map<String, ImageRecord> newest = WatchedRefs.newestByUpstream(images);
        if (only != null) {
            newest.keySet().retainAll(only.stream().map(WatchedRefs::normalise).toList());
        }
        Map<String, Resolution> current = resolveAll(newest.keySet());
        Map<String, String> digests = new java.util.LinkedHashMap<>();
        current.forEach((ref, r) -> {
            if (r.error() == null) {
                digests.put(ref, r.digest());
            }
        });
        Map<String, UpstreamObservations.Observation> seen = observations.observeAll(digests, now);
        List<UpstreamStatus> statuses = new ArrayList<>();
        newest.forEach((ref, image) -> statuses.add(status(ref, image.baseDigest(), current.get(ref), seen.get(ref), now)));
        return statuses;
    }

    private UpstreamStatus status(String ref, String builtFrom, Resolution resolution, UpstreamObservations.Observation seen,
                                  Instant now) {
        if (resolution.error() != null) {
            return new UpstreamStatus(ref, builtFrom, null, null, UpstreamStatus.State.UNREACHABLE, resolution.error());
        }
        if (resolution.digest().equals(builtFrom)) {
            return new UpstreamStatus(ref, builtFrom, resolution.digest(), seen.firstSeen(), UpstreamStatus.State.UNCHANGED,
                    "unchanged since the newest blessed image was built");
        }
        Duration standing = Duration.between(seen.firstSeen(), now);
        if (standing.compareTo(quietPeriod) >= 0) {
            return new UpstreamStatus(ref, builtFrom, resolution.digest(), seen.firstSeen(), UpstreamStatus.State.PATCHED,
                    "patched: now " + resolution.digest() + " (since " + seen.firstSeen() + "), built from " + builtFrom);
        }
        return new UpstreamStatus(ref, builtFrom, resolution.digest(), seen.firstSeen(), UpstreamStatus.State.QUIET,
                "changed to " + resolution.digest() + " at " + seen.firstSeen() + "; counts once it stands unchanged for "
                        + quietPeriod.minus(standing).toSeconds() + " s more");
    }

    private record Resolution(String digest, String error) {
    }

    private Map<String, Resolution> resolveAll(Collection<String> refs) {
        Map<String, Resolution> out = new java.util.HashMap<>();
        if (refs.isEmpty()) {
            return out;
        }
        // one pool per registry, no wider than that registry's bound: a registry that asks for a pause (429) holds up
        // its own references only, never another registry's
        Map<String, List<String>> byRegistry = new java.util.LinkedHashMap<>();
        for (String ref : refs) {
            byRegistry.computeIfAbsent(registryOf(ref), h -> new java.util.ArrayList<>()).add(ref);
        }
        List<ExecutorService> pools = new java.util.ArrayList<>();
        try {
            Map<String, Future<String>> futures = new java.util.LinkedHashMap<>();
            for (var group : byRegistry.entrySet()) {
                int threads = Math.min(Math.min(concurrency, group.getValue().size()), registry.traffic().limit(group.getKey()));
                ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "upstream-watch " + group.getKey());
                    t.setDaemon(true);
                    return t;
                });
                pools.add(pool);
                for (String ref : group.getValue()) {
                    futures.put(ref, pool.submit(() -> registry.resolve(ImageRef.parse(ref)).toString()));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            for (var entry : futures.entrySet()) {
                out.put(entry.getKey(), await(entry.getValue(), deadline));
            }
            return out;
        } finally {
            pools.forEach(ExecutorService::shutdownNow);
        }
    }

    /** The registry a reference names; a reference that does not parse is grouped on its own and fails in its task. */
    private static String registryOf(String ref) {
        try {
            return ImageRef.parse(ref).registry();
        } catch (io.jenkins.plugins.imagelifecycle.model.LifecycleException e) {
            return "";
        }
    }

    private static Resolution await(Future<String> future, long deadline) {
        try {
            return new Resolution(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Resolution(null, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Resolution(null, "no answer within the check's 5 minute limit");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Interrupted while checking upstream references", e);
        }
    }
}
