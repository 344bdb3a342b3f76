package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Where the catalog lives and how to get a connection: an embedded H2 file (the default; several
 * processes share it through H2's automatic server on loopback), or any JDBC URL (PostgreSQL for a
 * shared catalog).
 */
public final class CatalogDatabase implements AutoCloseable {
    private final String description;
    private final JdbcConnectionPool pool;
    private final String url;
    private final String user;
    private final String password;

    private CatalogDatabase(String description, JdbcConnectionPool pool, String url, String user, String password) {
        this.description = description;
        this.pool = pool;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * @param location a directory for the embedded catalog, or a {@code jdbc:} URL
     */
    public static CatalogDatabase open(String location, String user, String password) {
        if (location == null || location.isBlank()) {
            throw new BadInputException("Catalog location is empty; expected a directory or a jdbc: URL");
        }
        if (location.startsWith("jdbc:")) {
            // the description is shown in messages: never the password, which a URL may carry
            return new CatalogDatabase(location.replaceAll("(?i)(password=)[^&;]*", "$1****"), null, location, user, password);
        }
        Path dir = Path.of(location).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new BadInputException("Catalog directory '" + dir + "' cannot be created: " + e.getMessage());
        }
        // The automatic server lets a second process use the same file; it must listen on loopback only.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        // WRITE_DELAY=0: a commit is on disk before it returns, so a process that dies right after
        // (a killed build, a CLI that exits at once) loses nothing it reported as done
        String h2Url = "jdbc:h2:file:" + dir.resolve("catalog") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=20000;WRITE_DELAY=0";
        return new CatalogDatabase(dir.toString(), JdbcConnectionPool.create(h2Url, "sa", ""), h2Url, null, null);
    }

    public static CatalogDatabase open(String location) {
        return open(location, null, null);
    }

    public Connection connection() {
        try {
            if (pool != null) {
                return pool.getConnection();
            }
            return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw new UnavailableException("Catalog at " + description + " cannot be opened: " + e.getMessage(), e);
        }
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.dispose();
        }
    }
}
