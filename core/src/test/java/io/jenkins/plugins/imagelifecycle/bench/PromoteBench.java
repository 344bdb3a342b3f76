package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Promotion in a JVM that is already running with its catalog open (as inside Jenkins), against a
 * {@code skopeo copy} process, alternating, RUNS rounds each way; medians. A benchmark, not a test:
 * bench/promote-warm-vs-skopeo.sh prepares the image, the registries and the environments.
 *
 * <p>Arguments: catalog directory, config file, image reference, environment prefix (same|far), the
 * skopeo destination prefix, RUNS.
 */
public final class PromoteBench {
    private PromoteBench() {
    }

    public static void main(String[] args) throws Exception {
        Path catalogDir = Path.of(args[0]);
        LifecycleConfig config = LifecycleConfig.load(Path.of(args[1]), true);
        String image = args[2];
        String envPrefix = args[3];
        String skopeoDestination = args[4];
        int runs = Integer.parseInt(args[5]);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (Catalog catalog = Catalog.open(catalogDir.toString())) {
            RegistryClient registry = config.registryClient(h -> Optional.empty());
            PromoteOperation promote = new PromoteOperation(catalog, config, registry, Clock.systemUTC());
            promote.promote(new PromoteRequest(image, envPrefix + "0", null, "benchmark warm-up"), "bench", quiet);
            List<Double> ours = new ArrayList<>();
            List<Double> skopeo = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                long t0 = System.nanoTime();
                promote.promote(new PromoteRequest(image, envPrefix + r, null, "benchmark"), "bench", quiet);
                long t1 = System.nanoTime();
                Process p = new ProcessBuilder("skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false",
                        "docker://" + image, "docker://" + skopeoDestination + r + "/" + image.substring(image.indexOf('/') + 1))
                        .inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("skopeo copy failed");
                }
                long t2 = System.nanoTime();
                ours.add((t1 - t0) / 1e9);
                skopeo.add((t2 - t1) / 1e9);
                System.out.printf("run %d %s: ours (warm JVM) %.3f s, skopeo %.3f s%n", r, envPrefix, ours.get(r - 1), skopeo.get(r - 1));
            }
            System.out.printf("median %s ours %.3f s, skopeo %.3f s, ratio skopeo/ours %.2f%n", envPrefix, median(ours), median(skopeo),
                    median(skopeo) / median(ours));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
