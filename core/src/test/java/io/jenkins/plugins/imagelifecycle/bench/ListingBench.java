package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import io.jenkins.plugins.imagelifecycle.view.LifecycleView;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Benchmark, not a test: listings of a catalog of 100,000 images ({@link SeedViewCatalog}), each round in random
 * order: {@code status --json} from the CLI (a JVM of its own with -Xmx256m, output discarded, as a user runs it: with
 * the launcher's options from LISTING_CLI_JAVA_OPTS, which bench/status-and-view.sh sets)
 * and the lifecycle view's JSON written in this warm JVM (as the plugin's data page and {@code serve} serve it, each
 * image's history on demand; run this JVM with -Xmx256m).
 * Prints every round and the medians. Usage: java -Xmx256m -cp cli.jar:core/target/test-classes …ListingBench
 * RUNS embedded|postgres CLI_JAR
 */
public final class ListingBench {
    private ListingBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        String kind = args[1];
        Path cliJar = Path.of(args[2]);
        Path dir = Files.createTempDirectory("listing-bench-");
        TestPostgres pg = kind.equals("postgres") ? TestPostgres.start() : null;
        String location = pg == null ? dir.toString() : pg.jdbcUrl();
        try {
            List<Double> status = new ArrayList<>();
            List<Double> view = new ArrayList<>();
            Random random = new Random();
            ViewHeap viewHeap = new ViewHeap();
            try (Catalog catalog = pg == null ? Catalog.open(location) : new Catalog(pg.database())) {
                SeedViewCatalog.seed(catalog);
                for (int run = 1; run <= runs; run++) {
                    List<String> order = new ArrayList<>(List.of("status", "view"));
                    Collections.shuffle(order, random);
                    StringBuilder line = new StringBuilder("round " + run + ":");
                    for (String side : order) {
                        double s = side.equals("status") ? cliStatus(cliJar, location, pg == null ? java.util.Map.of() : pg.clientEnvironment(),
                                dir.resolve("gc-" + run + ".log"))
                                : viewHeap.during(() -> warmView(catalog));
                        (side.equals("status") ? status : view).add(s);
                        line.append(String.format(" %s %.2f s", side, s));
                    }
                    System.out.println(line);
                }
            }
            System.out.printf("median (%s, 100000 images): status --json from the CLI %.2f s | lifecycle view JSON, warm %.2f s%n",
                    kind, median(status), median(view));
            System.out.println("heap: " + HeapLog.summary(dir));
            System.out.println("heap: " + viewHeap.summary());
        } finally {
            if (pg != null) {
                pg.close();
            }
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The CLI as users run it, with a 256 MB heap; its collector's log says how much it held. */
    private static double cliStatus(Path cliJar, String location, java.util.Map<String, String> environment, Path gcLog)
            throws Exception {
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-Xlog:gc:file=" + gcLog));
        // as scripts/image-lifecycle starts it (its archive and JVM options), when the script says so
        String launcher = System.getenv("LISTING_CLI_JAVA_OPTS");
        if (launcher != null && !launcher.isBlank()) {
            command.addAll(List.of(launcher.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", cliJar.toString(), "status", "--catalog", location, "--json"));
        ProcessBuilder cli = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // the PostgreSQL catalog's password reaches the CLI as a user's would: the driver's password file
        cli.environment().putAll(environment);
        Process p = cli.start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("status --json exited " + p.exitValue());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double warmView(Catalog catalog) throws Exception {
        long t0 = System.nanoTime();
        try (var json = Json.MAPPER.getFactory().createGenerator(OutputStream.nullOutputStream())) {
            LifecycleView.write(catalog, List.of("dev", "qa", "prod"), digest -> true, LifecycleView.History.ON_DEMAND, json);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * The heap this JVM used while it wrote the view (nothing else runs in it then: the CLI's rounds are other processes),
     * as the CLI's figure is read from its collector's log: the most in use before a collection and the most still in
     * use after one, from the collector's own notifications during the view's rounds.
     */
    private static final class ViewHeap {
        private final java.util.Set<String> heapPools = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).map(java.lang.management.MemoryPoolMXBean::getName)
                .collect(java.util.stream.Collectors.toSet());
        private volatile boolean writing;
        private long before;
        private long after;

        ViewHeap() {
            for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                ((javax.management.NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                    if (writing && com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) n.getUserData()).getGcInfo();
                        record(heap(info.getMemoryUsageBeforeGc()), heap(info.getMemoryUsageAfterGc()));
                    }
                }, null, null);
            }
        }

        /** The heap's pools only (the map has Metaspace and the code cache too). */
        private long heap(java.util.Map<String, java.lang.management.MemoryUsage> pools) {
            return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
        }

        private synchronized void record(long usedBefore, long usedAfter) {
            before = Math.max(before, usedBefore);
            after = Math.max(after, usedAfter);
        }

        double during(java.util.concurrent.Callable<Double> view) throws Exception {
            writing = true;
            try {
                return view.call();
            } finally {
                writing = false;
            }
        }

        synchronized String summary() {
            return String.format("the view in this JVM with -Xmx%dm: at most %d MB in use before a collection, %d MB still in use "
                    + "after one", Runtime.getRuntime().maxMemory() >> 20, before >> 20, after >> 20);
        }
    }

    /** The most heap in use before and after a collection, from the CLI runs' -Xlog:gc files ("…M->…M(…M)"). */
    private static final class HeapLog {
        static String summary(Path dir) throws Exception {
            long before = 0;
            long after = 0;
            java.util.regex.Pattern use = java.util.regex.Pattern.compile("(\\d+)M->(\\d+)M\\(");
            try (var logs = Files.list(dir)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("gc-")).toList()) {
                    for (String l : Files.readAllLines(log)) {
                        var m = use.matcher(l);
                        if (m.find()) {
                            before = Math.max(before, Long.parseLong(m.group(1)));
                            after = Math.max(after, Long.parseLong(m.group(2)));
                        }
                    }
                }
            }
            return String.format("status --json from the CLI with -Xmx256m: at most %d MB in use before a collection, %d MB "
                    + "still reachable after one", before, after);
        }
    }
}
