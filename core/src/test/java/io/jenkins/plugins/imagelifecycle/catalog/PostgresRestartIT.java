package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarting while the catalog is in use, in one JVM: the transaction under way at that moment fails with
 * one line naming the catalog and what happened, nothing of it is kept, and the very next operation of the same
 * catalog (the same pool) succeeds on a new connection, without the pool's connection timeout and without a restart
 * of the JVM (a Jenkins controller).
 */
@Tag("integration")
class PostgresRestartIT {
    private static final String IMAGE = "127.0.0.1:5999/apps/restart";

    @Test
    void theTransactionUnderWayFailsClearlyAndTheNextOperationSucceedsOnTheSamePool() throws Exception {
        try (TestPostgres server = TestPostgres.start(); Catalog catalog = new Catalog(server.database())) {
            String digest = Digest.sha256("restart-" + UUID.randomUUID()).toString();
            catalog.recordBuilt(image(digest), LifecycleEvent.of("test", "augment", digest, IMAGE + ":1", null, Stage.BUILT, "born", null));

            CompletableFuture<LifecycleEvent> inFlight = null;
            try (Connection holder = server.connect()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    // the catalog's next write waits on this lock: the moment of the restart is one the test observes
                    s.execute("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
                }
                inFlight = CompletableFuture.supplyAsync(() -> catalog.recordEvent(
                        LifecycleEvent.of("test", "warn", digest, IMAGE + ":1", null, null, "in flight at the restart", null)));
                awaitSessionWaitingOnALock(holder);

                server.restart();
            } catch (java.sql.SQLException holderGone) {
                // the restart ended the holder's session too: closing it says so
            }

            CompletableFuture<LifecycleEvent> underWay = inFlight;
            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> underWay.get(60, TimeUnit.SECONDS));
            assertThat(failed.getCause()).isInstanceOf(UnavailableException.class);
            assertThat(failed.getCause().getMessage())
                    .startsWith("Catalog at " + server.jdbcUrl() + " failed: ")
                    .contains("terminating connection due to administrator command")
                    .doesNotContain("\n")
                    .doesNotContain(server.password());

            long before = System.nanoTime();
            catalog.recordEvent(LifecycleEvent.of("test", "warn", digest, IMAGE + ":1", null, null, "after the restart", null));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);

            assertThat(catalog.history(digest)).extracting(LifecycleEvent::reason).containsExactly("born", "after the restart");
            assertThat(tookMillis).as("the next operation took a new connection at once, not the pool's timeout (%d ms)", tookMillis)
                    .isLessThan(10_000);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
    }

    @Test
    void aServerThatStaysDownFailsTheOperationAfterTheWaitNamingWhyAndOneStartedAgainServesTheSamePool() {
        try (TestPostgres server = TestPostgres.start();
             Catalog catalog = new Catalog(CatalogDatabase.open(server.jdbcUrl(), TestPostgres.USER, server.password(),
                     java.time.Duration.ofMillis(500)))) {
            String digest = Digest.sha256("down-" + UUID.randomUUID()).toString();
            catalog.recordBuilt(image(digest), LifecycleEvent.of("test", "augment", digest, IMAGE + ":1", null, Stage.BUILT, "born", null));
            server.stop();
            // the connection the pool kept from the write above died with the server; the pool checks a connection only
            // when it was idle more than 500 ms, so this operation may get it and fail on it (then the pool drops it)
            Throwable lost = org.assertj.core.api.Assertions.catchThrowable(() -> catalog.images());
            assertThat(lost).isInstanceOf(UnavailableException.class);
            assertThat(lost.getMessage()).startsWith("Catalog at " + server.jdbcUrl() + " ").doesNotContain("\n");

            Throwable down = org.assertj.core.api.Assertions.catchThrowable(() -> catalog.recordEvent(
                    LifecycleEvent.of("test", "warn", digest, IMAGE + ":1", null, null, "while down", null)));

            assertThat(down).isInstanceOf(UnavailableException.class);
            assertThat(down.getMessage()).isEqualTo("Catalog at " + server.jdbcUrl() + " cannot be reached: no connection within 500 ms: "
                    + "Connection to 127.0.0.1:" + server.port() + " refused. Check that the hostname and port are correct and that "
                    + "the postmaster is accepting TCP/IP connections.");

            server.startAgain();
            catalog.recordEvent(LifecycleEvent.of("test", "warn", digest, IMAGE + ":1", null, null, "back", null));
            assertThat(catalog.history(digest)).extracting(LifecycleEvent::reason).containsExactly("born", "back");
        }
    }

    /**
     * Polls the server's lock table until the catalog's session waits for the holder's lock. {@code pg_locks} is read
     * live at every query; {@code pg_stat_activity} would be read once per transaction, and the holder polls inside its
     * own.
     */
    private static void awaitSessionWaitingOnALock(Connection holder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Statement s = holder.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted AND pid <> pg_backend_pid()")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the catalog's write never reached the locked table");
    }

    private static ImageRecord image(String digest) {
        return new ImageRecord(digest, IMAGE, List.of(IMAGE + ":1"), Role.AUGMENTED, null, "127.0.0.1:5999/upstream/base:1",
                Digest.sha256("base").toString(), Instant.now(), Stage.BUILT, null, null, "test", "{}");
    }
}
