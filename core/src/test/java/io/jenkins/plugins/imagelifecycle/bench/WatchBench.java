package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.watch.RebuildPlan;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamStatus;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The upstream check as the Jenkins trigger runs it — a JVM already running, its catalog open — against the floor:
 * the same manifest HEADs with {@code xargs -P N curl -I} (no JVM, nothing recorded), with the same parallelism, in
 * one run, the order of the two drawn at random each round, every round kept. A benchmark, not a test:
 * bench/watch-vs-curl.sh seeds the tags and the catalog.
 *
 * <p>Arguments: catalog directory, registry host, repository, COUNT, ROUNDS, PARALLELISM.
 */
public final class WatchBench {
    private WatchBench() {
    }

    public static void main(String[] args) throws Exception {
        String catalogDir = args[0];
        String registryHost = args[1];
        String repo = args[2];
        int count = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int parallelism = Integer.parseInt(args[5]);
        String curl = "seq 0 " + (count - 1) + " | xargs -P " + parallelism + " -I{} curl -fsS -o /dev/null -I -H 'Accept: "
                + RegistryClient.MANIFEST_ACCEPT + "' http://" + registryHost + "/v2/" + repo + "/manifests/t{}";
        Random random = new Random();
        try (Catalog catalog = Catalog.open(catalogDir)) {
            UpstreamWatch watch = new UpstreamWatch(catalog, RegistryClient.anonymous(), parallelism, Duration.ZERO, Clock.systemUTC());
            check(watch.check(), count);
            List<Double> ours = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                List<String> order = new ArrayList<>(List.of("ours", "curl"));
                Collections.shuffle(order, random);
                for (String side : order) {
                    long t0 = System.nanoTime();
                    if (side.equals("ours")) {
                        check(watch.check(), count);
                    } else if (new ProcessBuilder("bash", "-c", curl).inheritIO().start().waitFor() != 0) {
                        throw new IllegalStateException("the curl loop failed");
                    }
                    (side.equals("ours") ? ours : floor).add((System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("round %d (%s first): ours, warm JVM %.3f s; curl -I x%d %.3f s%n", r, order.get(0),
                        ours.get(r - 1), parallelism, floor.get(r - 1));
            }
            System.out.printf("median of %d: ours, warm JVM %.3f s; curl floor %.3f s; ratio ours/floor %.2f (goal <= 0.30)%n", rounds,
                    median(ours), median(floor), median(ours) / median(floor));
        }
    }

    private static void check(RebuildPlan plan, int count) {
        long resolved = plan.upstreams().stream().filter(u -> u.state() == UpstreamStatus.State.UNCHANGED).count();
        if (resolved != count) {
            throw new IllegalStateException("the check resolved " + resolved + " of " + count + " references");
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
