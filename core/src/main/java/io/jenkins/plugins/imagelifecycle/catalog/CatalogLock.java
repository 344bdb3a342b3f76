package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Work that one thread at a time may do under a name, in every process that shares the catalog. In this JVM a monitor per
 * name; across processes, on PostgreSQL a transaction's advisory lock on a connection of its own, and on the embedded
 * catalog an exclusive lock on a file beside it. The server or the kernel lets go when the holding process dies, so a
 * killed holder never leaves the name locked. A legacy H2 catalog serves one process at a time: the monitor is enough.
 * <p>
 * Waiting has no bound, as for a monitor: what a holder does (a registry copy) is bounded by its own time limits.
 */
final class CatalogLock {
    private static final ConcurrentHashMap<String, Object> MONITORS = new ConcurrentHashMap<>();
    /** The names this thread holds: work under a name it already holds runs at once instead of waiting for itself. */
    private static final ThreadLocal<Set<String>> HELD = ThreadLocal.withInitial(HashSet::new);

    private CatalogLock() {
    }

    static <T> T holding(CatalogDatabase db, String name, Supplier<T> work) {
        if (HELD.get().contains(name)) {
            return work.get();
        }
        synchronized (MONITORS.computeIfAbsent(name, k -> new Object())) {
            HELD.get().add(name);
            try {
                return switch (db.dialect()) {
                    case POSTGRESQL -> advisoryLocked(db, name, work);
                    case SQLITE -> fileLocked(db, name, work);
                    default -> work.get();
                };
            } finally {
                HELD.get().remove(name);
            }
        }
    }

    /**
     * The connection is not the pool's: a holder waits for the lock and then does catalog work of its own, which a pool
     * exhausted by waiting holders could not serve.
     */
    private static <T> T advisoryLocked(CatalogDatabase db, String name, Supplier<T> work) {
        Connection c = null;
        try {
            c = db.unpooledConnection();
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, Long.parseUnsignedLong(hash(name).hex().substring(0, 16), 16));
                lock.execute();
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw db.failure("cannot lock " + name, e);
        }
        try {
            return work.get();
        } finally {
            closeQuietly(c);
        }
    }

    private static <T> T fileLocked(CatalogDatabase db, String name, Supplier<T> work) {
        Path file = db.embeddedDirectory().resolve("locks").resolve(hash(name).hex().substring(0, 32) + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            awaitLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UnavailableException("Catalog at " + db.description() + " cannot lock " + name + " (" + file + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(channel);
            Thread.currentThread().interrupt();
            throw new UnavailableException("Catalog at " + db.description() + ": interrupted while waiting to lock " + name, e);
        }
        try {
            return work.get();
        } finally {
            closeQuietly(channel);
        }
    }

    /**
     * Tries again and again, as SQLite's own busy handler does, rather than blocking in the kernel: a file lock belongs to
     * the whole process, so a thread blocked on one name while another thread of its process holds a second name is, to
     * the kernel, a deadlock with a process that does the opposite, and refused as one ("Resource deadlock avoided").
     */
    private static void awaitLock(FileChannel channel) throws IOException, InterruptedException {
        long pause = 1;
        while (channel.tryLock() == null) {
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 100);
        }
    }

    /** Closing lets go of the lock: a connection's end aborts its transaction, a channel's close releases its file lock. */
    private static void closeQuietly(AutoCloseable holder) {
        if (holder == null) {
            return;
        }
        try {
            holder.close();
        } catch (Exception e) {
            // what fails to close holds nothing any more: the server or the kernel has let go
        }
    }

    /** A name of any length and characters, as a lock key and a file name. */
    private static Digest hash(String name) {
        return Digest.sha256(name);
    }
}
