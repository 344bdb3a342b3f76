package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.CatalogCheck;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI killed with {@code kill -9} inside a promotion's catalog transaction on PostgreSQL: the test holds the events
 * table so the transaction, having moved the environment's pointer and written the placement, waits on its event; the
 * server shows it waiting with those writes made; then the process is killed. The server rolls the transaction back:
 * no pointer, no placement, no event, {@code catalog check} clean; the copy it made is in the registry, and the next
 * promotion finds it and records it whole.
 */
@Tag("integration")
class KilledPromotionPostgresIT {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @TempDir
    Path workspace;
    @TempDir
    Path files;

    @Test
    void aPromotionKilledInsideItsTransactionLeavesNothingAndTheNextOneRecordsItWhole() throws Exception {
        TestPostgres server = postgres.server();
        Map<String, String> passwordFile = server.clientEnvironment();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String family = RealDocker.registry().host() + "/blessed/killed-pg-" + unique;
        Workspaces.standard(workspace);
        ImageRef base = RealDocker.busyboxBase("upstream/busybox-killed-pg:1", "killed-pg");
        CliProcess.Run blessed = CliProcess.run(files, passwordFile, "bless", "--json", "--catalog", server.jdbcUrl(),
                "--workspace", workspace.toString(), "--base", base.withoutDigest().toString(), "--dockerfile", "blessed/Dockerfile",
                "--context", "blessed", "--target", family + ":1");
        assertThat(blessed.exitCode()).as(blessed.err()).isZero();
        String digest = Json.read(blessed.out()).path("digest").asText();
        List<LifecycleEvent> before;
        try (Catalog catalog = new Catalog(server.database())) {
            before = catalog.history(digest);
        }

        Process promote = null;
        try (Connection holder = server.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                // EXCLUSIVE: others may read the events, none may write one until the holder ends
                s.execute("LOCK TABLE events IN EXCLUSIVE MODE");
            }
            promote = CliProcess.builder(passwordFile, "promote", "--catalog", server.jdbcUrl(), "--image", digest, "--to", "dev",
                    "--waive-tests", "killed inside its transaction")
                    .redirectOutput(files.resolve("promote.out").toFile()).redirectError(files.resolve("promote.err").toFile()).start();
            Waiting waiting = awaitTransactionWaitingOnEvents(holder, promote);
            assertThat(waiting.written()).as("what the promotion's transaction has written when it is killed")
                    .contains("environment_pointers", "placements");

            promote.destroyForcibly();
            assertThat(promote.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(promote.exitValue()).isEqualTo(137);
            // a session waiting on a lock does not see its client go; once the lock is free it finds the client gone and
            // ends, rolling back what it never was told to commit
            holder.rollback();
            // each poll its own transaction: PostgreSQL keeps one snapshot of pg_stat_activity per transaction, and a
            // poll inside one would see the killed session for ever
            holder.setAutoCommit(true);
            awaitSessionGone(holder, waiting.pid());
        } finally {
            // a failed wait or assertion above must not leave the CLI to commit its promotion once the lock is gone
            if (promote != null) {
                promote.destroyForcibly();
            }
        }

        try (Catalog catalog = new Catalog(server.database())) {
            assertThat(catalog.placements(digest)).as("placements after the kill").isEmpty();
            assertThat(catalog.current("dev", family)).as("dev's pointer after the kill").isEmpty();
            assertThat(catalog.history(digest)).as("events after the kill").isEqualTo(before);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }

        CliProcess.Run again = CliProcess.run(files, passwordFile, "promote", "--catalog", server.jdbcUrl(), "--image", digest,
                "--to", "dev", "--waive-tests", "after the kill");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("placed in the registry, not recorded");
        try (Catalog catalog = new Catalog(server.database())) {
            assertThat(catalog.placements(digest)).singleElement()
                    .satisfies(p -> assertThat(RealDocker.registry().client().resolve(ImageRef.parse(p.targetRef())))
                            .isEqualTo(Digest.parse(digest)));
            assertThat(catalog.current("dev", family)).contains(digest);
            assertThat(catalog.history(digest)).hasSize(before.size() + 1);
            assertThat(new CatalogCheck(catalog).run()).isEmpty();
        }
    }

    /**
     * Polls the server until a session waits on a lock of the events table, and answers the tables that session's
     * transaction holds row locks on (what it has written). The promotion ending first fails the test with its output.
     */
    private record Waiting(int pid, List<String> written) {
    }

    private Waiting awaitTransactionWaitingOnEvents(Connection holder, Process promote) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (PreparedStatement q = holder.prepareStatement(
                    "SELECT l.pid, string_agg(DISTINCT c.relname, ',') FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                            + " WHERE l.mode = 'RowExclusiveLock' AND l.granted AND c.relkind = 'r' AND l.pid IN"
                            + " (SELECT w.pid FROM pg_locks w JOIN pg_class e ON e.oid = w.relation"
                            + "  WHERE NOT w.granted AND e.relname = 'events') GROUP BY l.pid");
                 ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    return new Waiting(r.getInt(1), List.of(r.getString(2).split(",")));
                }
            }
            if (!promote.isAlive()) {
                throw new AssertionError("the promotion ended before it waited on the events: exit " + promote.exitValue() + "\n"
                        + java.nio.file.Files.readString(files.resolve("promote.err")));
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the promotion's transaction never waited on the events table");
    }

    /** Polls until the server has ended the killed process's session (and so rolled its transaction back). */
    private static void awaitSessionGone(Connection holder, int pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (PreparedStatement s = holder.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
                s.setInt(1, pid);
                ResultSet r = s.executeQuery();
                r.next();
                if (r.getInt(1) == 0) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the killed promotion's session still waits on the server");
    }
}
