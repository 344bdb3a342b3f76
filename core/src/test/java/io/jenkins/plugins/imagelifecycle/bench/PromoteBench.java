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
            // round 0 is cold on both sides (nothing in the target registry to mount from): reported apart, never mixed
            // with the warm rounds, where both can mount (ours from its placements, skopeo from its blob info cache)
            double coldOurs = seconds(() -> promote.promote(new PromoteRequest(image, envPrefix + "0", null, "benchmark cold"), "bench", quiet));
            double coldSkopeo = seconds(() -> skopeo(image, skopeoDestination + "0"));
            System.out.printf("cold round %s: ours (warm JVM) %.3f s, skopeo %.3f s%n", envPrefix, coldOurs, coldSkopeo);
            List<Double> ours = new ArrayList<>();
            List<Double> skopeo = new ArrayList<>();
            java.util.Random random = new java.util.Random();
            for (int r = 1; r <= runs; r++) {
                int round = r;
                boolean oursFirst = random.nextBoolean();
                Runnable ourSide = () -> ours.add(seconds(() -> promote.promote(new PromoteRequest(image, envPrefix + round, null,
                        "benchmark"), "bench", quiet)));
                Runnable theirSide = () -> skopeo.add(seconds(() -> skopeo(image, skopeoDestination + round)));
                (oursFirst ? ourSide : theirSide).run();
                (oursFirst ? theirSide : ourSide).run();
                System.out.printf("run %d %s (%s first): ours (warm JVM) %.3f s, skopeo %.3f s%n", r, envPrefix, oursFirst ? "ours" : "skopeo",
                        ours.get(r - 1), skopeo.get(r - 1));
            }
            System.out.printf("median %s ours %.3f s, skopeo %.3f s, ratio skopeo/ours %.2f%n", envPrefix, median(ours), median(skopeo),
                    median(skopeo) / median(ours));
        }
    }

    private static double seconds(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void skopeo(String image, String destinationPrefix) {
        try {
            Process p = new ProcessBuilder("skopeo", "copy", "-q", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "docker://" + image, "docker://" + destinationPrefix + "/" + image.substring(image.indexOf('/') + 1)).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("skopeo copy failed");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
