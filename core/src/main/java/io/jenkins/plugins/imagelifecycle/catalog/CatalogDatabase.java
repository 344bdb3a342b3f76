package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import io.jenkins.plugins.imagelifecycle.support.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.h2.jdbcx.JdbcConnectionPool;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * Where the catalog lives and how to get a connection.
 * <ul>
 * <li>A directory: the embedded catalog, {@code catalog.sqlite} in SQLite's write-ahead-log mode. Any
 * number of processes share the file (parallel CLI runs in CI, a CLI beside a Jenkins controller):
 * readers never wait for a writer, writers queue for at most {@value #WAIT_VARIABLE} seconds.</li>
 * <li>A directory holding an older H2 catalog ({@code catalog.mv.db}, from before SQLite): opened as
 * then, through H2's automatic server, which suits one process at a time (docs/operations.md).</li>
 * <li>A {@code jdbc:} URL: PostgreSQL for a catalog shared between machines, or H2.</li>
 * </ul>
 */
public final class CatalogDatabase implements AutoCloseable {
    /** How long a process waits for another one's write to the embedded catalog, in seconds. */
    public static final String WAIT_VARIABLE = "IMAGE_LIFECYCLE_CATALOG_WAIT";
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(120);

    private final String description;
    private final CatalogDialect dialect;
    private final String url;
    private final String user;
    private final String password;
    private final Duration wait;
    private final JdbcConnectionPool legacyPool;
    /** A JDBC catalog's connections (PostgreSQL, H2 by URL), made on first use; null for SQLite. */
    private volatile com.zaxxer.hikari.HikariDataSource pool;
    /** The embedded catalog's connections between transactions: those that may write, and those that only read. */
    private final IdleSqliteConnections idleWriters = new IdleSqliteConnections();
    private final IdleSqliteConnections idleReaders = new IdleSqliteConnections();

    private CatalogDatabase(String description, CatalogDialect dialect, String url, String user, String password,
                            Duration wait, JdbcConnectionPool legacyPool) {
        this.description = description;
        this.dialect = dialect;
        this.url = url;
        this.user = user;
        this.password = password;
        this.wait = wait;
        this.legacyPool = legacyPool;
    }

    /**
     * @param location a directory for the embedded catalog, or a {@code jdbc:} URL
     */
    public static CatalogDatabase open(String location, String user, String password) {
        if (location == null || location.isBlank()) {
            throw new BadInputException("Catalog location is empty; expected a directory or a jdbc: URL");
        }
        if (location.startsWith("jdbc:")) {
            // the description is shown in messages: never the password, which a URL may carry as a parameter or user info
            String described = location.replaceAll("(?i)(password=)[^&;]*", "$1****").replaceAll("(//[^/?#@:]*:)[^/?#@]*@", "$1****@");
            CatalogDialect dialect = CatalogDialect.of(location);
            if (dialect == CatalogDialect.OTHER) {
                // refused before any driver is asked: "No suitable driver" named neither the URL's fault nor what works
                throw new BadInputException("Catalog URL '" + described + "' names a database the catalog does not run on; expected "
                        + "jdbc:postgresql://host:5432/database, jdbc:h2:… or jdbc:sqlite:…");
            }
            return new CatalogDatabase(described, dialect, location, user, password, configuredWait(), null);
        }
        return embedded(Path.of(location).toAbsolutePath(), configuredWait());
    }

    /** A JDBC catalog whose operations wait at most {@code wait} for a connection: a test's catalog server that stays down. */
    static CatalogDatabase open(String jdbcUrl, String user, String password, Duration wait) {
        CatalogDatabase opened = open(jdbcUrl, user, password);
        return new CatalogDatabase(opened.description, opened.dialect, opened.url, user, password, wait, null);
    }

    public static CatalogDatabase open(String location) {
        return open(location, null, null);
    }

    /** The embedded catalog in this directory; a writer waits at most {@code wait} for the others. */
    static CatalogDatabase embedded(Path dir, Duration wait) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("Catalog location '" + dir + "' is a file; expected a directory or a jdbc: URL");
        }
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new BadInputException("Catalog directory '" + dir + "' cannot be created: " + e.getMessage());
        }
        Path sqlite = dir.resolve("catalog.sqlite");
        if (!Files.exists(sqlite) && Files.exists(dir.resolve("catalog.mv.db"))) {
            return legacyH2(dir);
        }
        return new CatalogDatabase(dir.toString(), CatalogDialect.SQLITE, "jdbc:sqlite:" + sqlite, null, null, wait, null);
    }

    private static CatalogDatabase legacyH2(Path dir) {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        String h2Url = "jdbc:h2:file:" + dir.resolve("catalog") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=20000;WRITE_DELAY=0";
        return new CatalogDatabase(dir.toString(), CatalogDialect.H2, h2Url, null, null, DEFAULT_WAIT,
                JdbcConnectionPool.create(h2Url, "sa", ""));
    }

    /** {@value #WAIT_VARIABLE} (whole seconds, 1 or more) or the default of 120 s. */
    static Duration configuredWait() {
        String value = System.getenv(WAIT_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_WAIT;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 1 && seconds <= Integer.MAX_VALUE / 1000) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadInputException(WAIT_VARIABLE + "='" + value + "' is not a number of seconds; expected a whole number from 1");
    }

    /** A connection for work that may write: on SQLite it takes the write lock when its transaction begins. */
    public Connection connection() {
        return connect(SQLiteConfig.TransactionMode.IMMEDIATE);
    }

    /**
     * A connection for work that only reads: on SQLite a snapshot that never waits for a writer;
     * elsewhere the same as {@link #connection()}.
     */
    public Connection readConnection() {
        return connect(SQLiteConfig.TransactionMode.DEFERRED);
    }

    private Connection connect(SQLiteConfig.TransactionMode mode) {
        try {
            if (legacyPool != null) {
                return legacyPool.getConnection();
            }
            if (dialect == CatalogDialect.SQLITE) {
                return sqlite(mode);
            }
            return pool().getConnection();
        } catch (SQLException e) {
            throw failure("cannot be opened", e);
        }
    }

    private Connection sqlite(SQLiteConfig.TransactionMode mode) throws SQLException {
        IdleSqliteConnections kept = mode == SQLiteConfig.TransactionMode.IMMEDIATE ? idleWriters : idleReaders;
        return kept.take(() -> openSqlite(mode));
    }

    private Connection openSqlite(SQLiteConfig.TransactionMode mode) throws SQLException {
        SqliteNativeLibrary.prepare();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk before it returns, so a process that dies right after (a killed
        // build, a CLI that exits at once) loses nothing it reported as done
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout((int) wait.toMillis());
        config.setTransactionMode(mode);
        config.enforceForeignKeys(true);
        return config.createConnection(url);
    }

    /**
     * A failed catalog call as users should read it: a writer that waited too long names the processes
     * holding the catalog, and no message carries more than the database's first line.
     */
    UnavailableException failure(String what, SQLException e) {
        if (dialect == CatalogDialect.SQLITE && isBusy(e)) {
            return new UnavailableException("Catalog at " + description + " is busy: waited " + wait.toSeconds()
                    + " s (" + WAIT_VARIABLE + ") for " + CatalogHolders.describe(Path.of(url.substring("jdbc:sqlite:".length()))), e);
        }
        Optional<String> refused = LoginRefusal.reason(e, password != null || url.toLowerCase(java.util.Locale.ROOT).contains("password="));
        if (refused.isPresent()) {
            return new UnavailableException("Catalog at " + description + " refused "
                    + LoginRefusal.user(url, user).map(u -> "user '" + u + "'").orElse("the login") + ": " + refused.get()
                    + "; expected that user's password (the catalog credentials, or the PostgreSQL password file for the CLI)", e);
        }
        if (e instanceof java.sql.SQLTransientConnectionException && e.getCause() instanceof SQLException unreachable) {
            // the pool's own message says only that it timed out; why it could not connect is its cause
            return new UnavailableException("Catalog at " + description + " cannot be reached: no connection within "
                    + poolWait().toMillis() + " ms: " + Messages.firstLine(unreachable.getMessage(), ""), e);
        }
        return new UnavailableException("Catalog at " + description + " " + what + ": " + Messages.firstLine(e.getMessage(), ""), e);
    }

    private static boolean isBusy(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // the low byte is the primary result code; extended ones (SQLITE_BUSY_SNAPSHOT, …) keep it
            if (t instanceof SQLException s && ((s.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code
                    || (s.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_LOCKED.code)) {
                return true;
            }
        }
        return false;
    }

    public CatalogDialect dialect() {
        return dialect;
    }

    public boolean isH2() {
        return dialect == CatalogDialect.H2;
    }

    public String description() {
        return description;
    }

    /**
     * Pooled connections: a broken one (the database restarted) is dropped by the pool and the next operation gets
     * a new one, without restarting the JVM. A pool waits at most the catalog's wait for a free connection.
     */
    private com.zaxxer.hikari.HikariDataSource pool() throws SQLException {
        com.zaxxer.hikari.HikariDataSource p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    checkLogin();
                    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
                    config.setJdbcUrl(url);
                    if (user != null) {
                        config.setUsername(user);
                        config.setPassword(password);
                    }
                    config.setPoolName("image-lifecycle-catalog");
                    if (url.startsWith("jdbc:postgresql:")) {
                        // a batch (a cascade's events) goes as multi-row INSERTs, not one statement per row
                        config.addDataSourceProperty("reWriteBatchedInserts", "true");
                    }
                    config.setMaximumPoolSize(8);
                    // none kept idle past 10 s: a catalog left open (a test, a CLI run) holds no server connection for long
                    config.setMinimumIdle(0);
                    config.setIdleTimeout(10_000);
                    config.setConnectionTimeout(poolWait().toMillis());
                    // the database may be down at start: the first operation says so, not the constructor
                    config.setInitializationFailTimeout(-1);
                    // connections come back in auto-commit, as a fresh DriverManager connection is
                    config.setAutoCommit(true);
                    pool = new com.zaxxer.hikari.HikariDataSource(config);
                }
                p = pool;
            }
        }
        return p;
    }

    /** How long an operation waits for a pooled connection: the catalog's wait, from 250 ms to a minute. */
    private Duration poolWait() {
        return Duration.ofMillis(Math.max(250, Math.min(wait.toMillis(), 60_000)));
    }

    /**
     * One connection opened and closed before the pool is made. A refused login (a wrong password, an unknown user) or an
     * unreachable server then fails this first operation at once with the server's reason, where the pool would try again
     * for its whole connection timeout (up to a minute) and say only that it timed out.
     */
    private void checkLogin() throws SQLException {
        unpooledConnection().close();
    }

    /** A JDBC catalog's connection of its own, outside the pool, with the catalog's login. */
    Connection unpooledConnection() throws SQLException {
        java.util.Properties login = new java.util.Properties();
        if (user != null) {
            login.setProperty("user", user);
            if (password != null) {
                login.setProperty("password", password);
            }
        }
        return DriverManager.getConnection(url, login);
    }

    /** The directory of the embedded catalog (SQLite): where its database file and its lock files are. */
    Path embeddedDirectory() {
        if (dialect != CatalogDialect.SQLITE) {
            throw new IllegalStateException("Catalog at " + description + " is not embedded");
        }
        return Path.of(url.substring("jdbc:sqlite:".length())).getParent();
    }

    @Override
    public void close() {
        idleWriters.close();
        idleReaders.close();
        if (legacyPool != null) {
            legacyPool.dispose();
        }
        if (pool != null) {
            pool.close();
        }
    }
}
