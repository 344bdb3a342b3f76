package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.config.VerifySettings;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessAnswer;
import io.jenkins.plugins.imagelifecycle.fitness.FitnessCheck;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: the deploy-time check of one digest in a warm JVM, against a catalog of 100 000 images
 * (CatalogBench's seed: families of blessed and augmented images, one base reference for all) where 1 000 images
 * stand in dev, qa and prod, each placement verified. ROUNDS checks after WARM_UP, alternating a fit image and a
 * superseded one; medians and p99. Nothing else runs beside it: the goal is absolute (under 5 ms warm).
 *
 * <p>Arguments: embedded|postgres ROUNDS WARM_UP.
 */
public final class CheckBench {
    private CheckBench() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "embedded";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Path dir = Files.createTempDirectory("check-bench");
        TestPostgres pg = kind.equals("postgres") ? TestPostgres.start() : null;
        VerifySettings smoke = new VerifySettings(List.of(), List.of("true"), null);
        LifecycleConfig config = new LifecycleConfig(List.of(), List.of(new Environment("dev", null, false, false).withSoakAndVerify(null, smoke),
                new Environment("qa", null, false, false).withSoakAndVerify(null, smoke),
                new Environment("prod", null, true, false).withSoakAndVerify("1d", smoke)));
        try (Catalog catalog = pg == null ? Catalog.open(dir.resolve("catalog").toString()) : new Catalog(pg.database())) {
            long seedStart = System.nanoTime();
            CatalogBench.seed(catalog);
            Instant at = Instant.now();
            // 1 000 families with two versions each: the newer stands in every environment, the older is superseded there
            for (int f = 0; f < 500; f++) {
                for (String version : List.of("b-" + f, "b-" + (f + 1000))) {
                    String digest = CatalogBench.digest(version);
                    String family = "127.0.0.1:5000/blessed/family-" + f;
                    for (String env : List.of("dev", "qa", "prod")) {
                        catalog.place(new Placement(0, env, family, digest, "127.0.0.1:5000/" + env + "/blessed/family-" + f + ":1", at, "bench",
                                        env.equals("prod") ? "carol" : null, null, null),
                                LifecycleEvent.of("bench", "promote", digest, "ref", Stage.BUILT, Stage.BUILT, "promoted to " + env,
                                        "{\"environment\":\"" + env + "\"}"),
                                new PlacementVerification(0, PlacementVerification.State.VERIFIED, at, "bench", "1 passed, 0 failed"),
                                LifecycleEvent.of("bench", "verifying", digest, "ref", Stage.BUILT, Stage.BUILT, "verifying", "{}"));
                    }
                }
            }
            System.out.printf("seeded 100000 images, 3000 placements on %s in %.1f s%n", kind, (System.nanoTime() - seedStart) / 1e9);
            FitnessCheck check = new FitnessCheck(catalog, config);
            LocalDate today = LocalDate.now();
            List<Double> fit = new ArrayList<>();
            List<Double> superseded = new ArrayList<>();
            for (int i = 0; i < rounds + warmUp; i++) {
                int f = i % 500;
                boolean asksFit = i % 2 == 0;
                String digest = CatalogBench.digest(asksFit ? "b-" + (f + 1000) : "b-" + f);
                long t0 = System.nanoTime();
                FitnessAnswer answer = check.check(digest, "prod", today, null);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (asksFit != answer.fit() || !asksFit && answer.reasons().stream().noneMatch(r -> r.code().equals("superseded"))) {
                    throw new IllegalStateException("unexpected answer for " + digest + ": " + answer.reasons());
                }
                if (i >= warmUp) {
                    (asksFit ? fit : superseded).add(ms);
                }
            }
            System.out.printf("%s: check of a digest that stands in prod: median %.2f ms, p99 %.2f ms of %d; a superseded one: median %.2f ms,"
                    + " p99 %.2f ms of %d%n", kind, quantile(fit, 0.5), quantile(fit, 0.99), fit.size(), quantile(superseded, 0.5),
                    quantile(superseded, 0.99), superseded.size());
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * q)));
    }
}
