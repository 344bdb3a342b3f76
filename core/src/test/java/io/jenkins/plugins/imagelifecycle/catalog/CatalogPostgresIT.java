package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every catalog test again on a real PostgreSQL server: the shared catalog of a Jenkins fleet. */
@Tag("integration")
class CatalogPostgresIT extends CatalogTest {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass().emptiedAfterEachTest();

    @Override
    String location() {
        return postgres.server().jdbcUrl();
    }

    /** With the password as credentials, as the plugin passes its catalog credentials. */
    @Override
    Catalog openCatalog() {
        return new Catalog(postgres.server().database());
    }

    /** A second JVM opens the URL alone, as the CLI does: the driver reads the password from libpq's password file. */
    @Override
    java.util.Map<String, String> processEnvironment() {
        return postgres.server().clientEnvironment();
    }
}
