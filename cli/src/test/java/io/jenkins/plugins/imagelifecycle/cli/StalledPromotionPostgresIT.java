package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import io.jenkins.plugins.imagelifecycle.testing.SharedCatalog;
import java.sql.ResultSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stalled promotion on a PostgreSQL catalog, as two controllers share one: the CLI reads the password file. */
@Tag("integration")
class StalledPromotionPostgresIT extends StalledPromotionIT {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @Override
    SharedCatalog catalog() {
        return SharedCatalog.postgres(postgres.server());
    }

    /** The server shows it: an advisory lock asked for and not granted (the stalled promotion holds the only one). */
    @Override
    boolean waitsForTheLock(Process promotion, Catalog catalog) {
        return catalog.read(c -> {
            try (var q = c.prepareStatement("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }
}
