package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A controller in a JVM of its own, for tests of several controllers on one catalog: it opens the catalog by URL as a
 * controller opens its one catalog (one pool for all its builds; PostgreSQL's password comes from {@code PGPASSFILE}, never
 * an argument) and runs the promotions it is given all at once, one thread each, as concurrent builds would.
 * <p>
 * {@code PromotingController CATALOG_URL CONFIG_FILE PROMOTIONS_FILE ACTOR}, each line of the file {@code DIGEST ENVIRONMENT}.
 * It prints {@code ready} once its catalog is open and its threads wait, starts them when a line {@code go} arrives on its
 * standard input (how a test starts two of them at the same moment), then prints one line per promotion,
 * {@code promoted DIGEST ENVIRONMENT} or {@code failed DIGEST ENVIRONMENT: MESSAGE}, and exits 0 when every one succeeded.
 */
public final class PromotingController {
    private PromotingController() {
    }

    public static void main(String[] args) throws Exception {
        LifecycleConfig config = LifecycleConfig.load(Path.of(args[1]), true);
        List<String[]> promotions = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank())
                .map(line -> line.split(" ")).toList();
        String actor = args[3];
        int failed = 0;
        try (Catalog catalog = Catalog.open(args[0])) {
            // the first read opens the pool and checks the login, so that "ready" means ready
            catalog.current("dev", "warm-up");
            PromoteOperation operation = new PromoteOperation(catalog, config, config.registryClient(host -> Optional.empty()),
                    Clock.systemUTC());
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(promotions.size());
            List<Future<String>> outcomes = new ArrayList<>();
            for (String[] p : promotions) {
                outcomes.add(threads.submit(() -> {
                    go.await();
                    try {
                        operation.promote(new PromoteRequest(p[0], p[1], null, "controllers test"), actor, quiet);
                        return "promoted " + p[0] + " " + p[1];
                    } catch (LifecycleException e) {
                        return "failed " + p[0] + " " + p[1] + ": " + e.getMessage();
                    }
                }));
            }
            System.out.println("ready");
            System.out.flush();
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"go".equals(line)) {
                threads.shutdownNow();
                System.exit(2);
            }
            go.countDown();
            for (Future<String> outcome : outcomes) {
                String result = outcome.get();
                failed += result.startsWith("failed ") ? 1 : 0;
                System.out.println(result);
            }
            threads.shutdown();
        }
        System.out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }
}
