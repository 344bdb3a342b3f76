package io.jenkins.plugins.imagelifecycle.catalog;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded catalog's connections kept open between transactions, a few of each kind: opening one (the file, its
 * write-ahead log, the pragmas) took 1.3 ms, and one promotion opened about ten. A connection comes back only with no
 * transaction open (whatever its user left is rolled back) and in auto-commit, so it holds no lock while idle and its
 * next transaction reads what other processes committed meanwhile, as a new connection would.
 */
final class IdleSqliteConnections implements AutoCloseable {
    /** Kept per kind; more at once (parallel readers) are opened and closed as before. */
    private static final int KEPT = 2;

    /** Opens a new connection of one kind. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** An idle connection, or a new one; closing what is returned puts it back. */
    Connection take(Opener opener) throws SQLException {
        Connection raw = idle.pollFirst();
        if (raw == null || raw.isClosed()) {
            raw = opener.open();
        }
        return lent(raw);
    }

    private Connection lent(Connection raw) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (returned.compareAndSet(false, true)) {
                                giveBack(raw);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return returned.get() || raw.isClosed();
                        }
                        default -> {
                            if (returned.get()) {
                                throw new SQLException("connection already closed");
                            }
                            try {
                                return method.invoke(raw, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    private void giveBack(Connection raw) throws SQLException {
        try {
            if (!raw.isClosed() && !raw.getAutoCommit()) {
                raw.rollback();
                raw.setAutoCommit(true);
            }
        } catch (SQLException e) {
            raw.close();
            throw e;
        }
        if (closed.get() || raw.isClosed() || idle.size() >= KEPT) {
            raw.close();
            return;
        }
        idle.addFirst(raw);
        if (closed.get() && idle.remove(raw)) {
            raw.close();
        }
    }

    @Override
    public void close() {
        closed.set(true);
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            try {
                c.close();
            } catch (SQLException e) {
                // closing the file; nothing to keep
            }
        }
    }
}
