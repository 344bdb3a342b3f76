package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog check's tests on a real PostgreSQL server, opened with its password as the plugin opens it. */
@Tag("integration")
class CatalogCheckPostgresIT extends CatalogCheckTest {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @Override
    Catalog openCatalog() {
        return new Catalog(postgres.server().database());
    }

    /** Each test starts from an empty schema, as each embedded test has its own directory. */
    @AfterEach
    void dropEverything() throws Exception {
        try (var c = catalog.database().connection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }
}
