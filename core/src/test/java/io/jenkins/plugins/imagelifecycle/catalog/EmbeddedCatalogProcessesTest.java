package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one embedded (SQLite) catalog: readers never wait, writers one at a time within a
 * bounded wait, and the one that waits too long names the holder.
 */
class EmbeddedCatalogProcessesTest {
    @TempDir
    Path dir;
    Process holder;

    @AfterEach
    void stopHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    private long startHolder() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CatalogWriterMain.class.getName(), dir.toString(), "hold").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine();
        assertThat(line).startsWith("holding ");
        return Long.parseLong(line.substring("holding ".length()));
    }

    @Test
    void aWriterThatWaitsTooLongFailsNamingTheHolderWhileReadersGoOn() throws Exception {
        long pid = startHolder();
        try (Catalog catalog = new Catalog(CatalogDatabase.embedded(dir, Duration.ofMillis(300)))) {
            // a reader never waits for a writer: it sees what was committed before the holder began
            assertThat(catalog.images()).isEmpty();
            ImageRecord img = CatalogTest.image("apps/late", null, Role.AUGMENTED);
            assertThatThrownBy(() -> catalog.recordBuilt(img, CatalogTest.born(img)))
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("is busy: waited 0 s (IMAGE_LIFECYCLE_CATALOG_WAIT)")
                    .hasMessageContaining("pid " + pid + " (java");
            assertThat(catalog.find(img.digest())).isEmpty();
        }
    }

    @Test
    void aWaitingWriterGoesOnWhenTheHolderIsKilledAndSeesNothingOfItsTransaction() throws Exception {
        try (Catalog catalog = new Catalog(CatalogDatabase.embedded(dir, Duration.ofSeconds(60)))) {
            ImageRecord before = CatalogTest.image("apps/before", null, Role.AUGMENTED);
            catalog.recordBuilt(before, CatalogTest.born(before));
        }
        startHolder();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Catalog waiting = new Catalog(CatalogDatabase.embedded(dir, Duration.ofSeconds(60)))) {
            Thread[] worker = new Thread[1];
            ImageRecord after = CatalogTest.image("apps/after", null, Role.AUGMENTED);
            Future<List<String>> reasons = pool.submit(() -> {
                worker[0] = Thread.currentThread();
                waiting.recordBuilt(after, CatalogTest.born(after));
                return waiting.recentEvents(100).stream().map(e -> e.reason()).toList();
            });
            awaitInsideSqlite(worker, reasons);
            holder.destroyForcibly();
            assertThat(reasons.get(60, TimeUnit.SECONDS)).containsExactly("test", "test");
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    /** The writer is under way: its thread is inside SQLite, waiting for the holder's write lock. */
    private static void awaitInsideSqlite(Thread[] worker, Future<?> stillWaiting) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            assertThat(stillWaiting.isDone()).as("the catalog was written while another process held it").isFalse();
            Thread t = worker[0];
            if (t != null && java.util.Arrays.stream(t.getStackTrace())
                    .anyMatch(f -> f.getClassName().startsWith("org.sqlite.") && f.getMethodName().equals("setAutoCommit"))) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the writer never waited for the catalog");
    }

    @Test
    void workInsideATransactionOfTheSameThreadJoinsIt() throws Exception {
        try (Catalog catalog = new Catalog(CatalogDatabase.embedded(dir, Duration.ofSeconds(5)))) {
            String seen = catalog.inTransaction(outer -> {
                // a second writer of the same thread would wait for the first, which waits for it
                ImageRecord img = CatalogTest.image("apps/nested", null, Role.AUGMENTED);
                catalog.recordBuilt(img, CatalogTest.born(img));
                return catalog.find(img.digest()).orElseThrow().repository();
            });
            assertThat(seen).endsWith("apps/nested");
        }
    }
}
