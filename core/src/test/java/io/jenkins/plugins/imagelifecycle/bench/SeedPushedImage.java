package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.time.Instant;

/**
 * Benchmark set-up, not a test: records an image that a script pushed by hand (no build of ours) in a
 * catalog, so that {@code image-lifecycle contents --image HOST/NAME:TAG} can find it.
 * Usage: java -cp cli.jar:core/target/test-classes …SeedPushedImage CATALOG HOST NAME:TAG DIGEST
 */
public final class SeedPushedImage {
    private SeedPushedImage() {
    }

    public static void main(String[] args) {
        try (Catalog catalog = Catalog.open(args[0])) {
            new SyntheticImages(catalog, args[1]).record(args[2], args[3], Role.AUGMENTED, null, null, null, Instant.now());
        }
    }
}
