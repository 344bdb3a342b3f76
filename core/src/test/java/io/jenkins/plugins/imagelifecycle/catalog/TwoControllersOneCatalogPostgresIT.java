package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two controllers on a real PostgreSQL server: each catalog its own pool, as controllers sharing the database. */
@Tag("integration")
class TwoControllersOneCatalogPostgresIT extends TwoControllersOneCatalogTest {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @Override
    Catalog openCatalog() {
        return new Catalog(postgres.server().database());
    }
}
