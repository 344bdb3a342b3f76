package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalog check's tests on a real PostgreSQL server, opened with its password as the plugin opens it. */
@Tag("integration")
class CatalogCheckPostgresIT extends CatalogCheckTest {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass().emptiedAfterEachTest();

    @Override
    Catalog openCatalog() {
        return new Catalog(postgres.server().database());
    }
}
