package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.contents.FileEntry;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InventoryReader;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.registry.RegistryEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An image's inventory read in a JVM that is already running (as on a Jenkins controller) against
 * {@code skopeo copy docker://…@DIGEST dir:FRESH}, the mere download of the same blobs, alternating which
 * goes first each round; unmeasured warm-up reads and one warm-up copy, then RUNS
 * rounds; medians. The first read in the fresh JVM is reported apart. A benchmark, not a
 * test: bench/inventory-vs-skopeo.sh builds the image and pushes it to a registry of its own.
 *
 * <p>Arguments: the pinned reference ({@code HOST/REPO@sha256:…}), RUNS, a folder for skopeo's copies.
 */
public final class InventoryBench {
    private static final int WARM_UP_READS = 3;

    private InventoryBench() {
    }

    public static void main(String[] args) throws Exception {
        ImageRef pinned = ImageRef.parse(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path scratch = Path.of(args[2]);
        RegistryClient registry = new RegistryClient(RegistryEndpoint::defaultFor, host -> Optional.empty());
        InventoryReader reader = new InventoryReader(registry);

        long t0 = System.nanoTime();
        ImageInventory inventory = reader.read(pinned);
        double firstRead = (System.nanoTime() - t0) / 1e9;
        long bytes = inventory.files().stream().filter(FileEntry::isRegularFile).mapToLong(FileEntry::size).sum();
        System.out.printf("image: %d layers, %d regular files, %.1f MB of files, %d packages; first read in this JVM %.3f s%n",
                inventory.layers().size(), inventory.fileCount(), bytes / 1e6, inventory.packages().size(), firstRead);
        // the JIT needs a few reads before the hashing and tar loops run compiled by C2: warm means that
        for (int i = 0; i < WARM_UP_READS; i++) {
            reader.read(pinned);
        }
        timeSkopeo(pinned, scratch.resolve("warm-up"));

        List<Double> ours = new ArrayList<>();
        List<Double> skopeo = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            boolean oursFirst = r % 2 == 1;
            if (oursFirst) {
                ours.add(timeRead(reader, pinned));
                skopeo.add(timeSkopeo(pinned, scratch.resolve("round-" + r)));
            } else {
                skopeo.add(timeSkopeo(pinned, scratch.resolve("round-" + r)));
                ours.add(timeRead(reader, pinned));
            }
            System.out.printf("round %d (%s first): inventory in-process %.3f s, skopeo copy %.3f s%n", r,
                    oursFirst ? "ours" : "skopeo", ours.get(r - 1), skopeo.get(r - 1));
        }
        System.out.printf("median of %d: inventory in-process %.3f s, skopeo copy %.3f s, ratio ours/skopeo %.2f%n", runs,
                median(ours), median(skopeo), median(ours) / median(skopeo));
    }

    private static double timeRead(InventoryReader reader, ImageRef pinned) {
        long t0 = System.nanoTime();
        reader.read(pinned);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The copy's folder is fresh and removed after the clock stops, so every round downloads every blob. */
    private static double timeSkopeo(ImageRef pinned, Path destination) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        skopeoCopy(pinned, destination);
        double seconds = (System.nanoTime() - t0) / 1e9;
        deleteTree(destination);
        return seconds;
    }

    private static void skopeoCopy(ImageRef pinned, Path destination) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("skopeo", "copy", "-q", "--src-tls-verify=false", "docker://" + pinned, "dir:" + destination)
                .inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("skopeo copy of " + pinned + " failed");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
