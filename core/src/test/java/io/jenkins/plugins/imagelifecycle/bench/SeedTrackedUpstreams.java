package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.time.Instant;

/**
 * Benchmark set-up, not a test: records COUNT blessed images, each built on its own upstream tag
 * {@code HOST/REPO:tN} with the digest given, so that a watch check tracks COUNT upstream references.
 * Usage: java -cp cli.jar:core/target/test-classes …SeedTrackedUpstreams CATALOG HOST REPO COUNT DIGEST
 */
public final class SeedTrackedUpstreams {
    private SeedTrackedUpstreams() {
    }

    public static void main(String[] args) {
        String catalogDir = args[0];
        String host = args[1];
        String repo = args[2];
        int count = Integer.parseInt(args[3]);
        String digest = args[4];
        try (Catalog catalog = Catalog.open(catalogDir)) {
            SyntheticImages images = new SyntheticImages(catalog, host);
            Instant t = Instant.now().minusSeconds(count);
            for (int i = 0; i < count; i++) {
                images.blessed("bench/blessed-" + i + ":1", host + "/" + repo + ":t" + i, digest, t.plusSeconds(i));
            }
        }
        System.out.println("seeded " + count + " tracked upstream references");
    }
}
