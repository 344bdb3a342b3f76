package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.testing.TestPostgres;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** Every catalog test again on a real PostgreSQL server: the shared catalog of a Jenkins fleet. */
@Tag("integration")
class CatalogPostgresIT extends CatalogTest {
    private static TestPostgres postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    String location() {
        return postgres.jdbcUrl();
    }

    /** Each test starts from an empty schema, as each H2 test has its own directory. */
    @AfterEach
    void dropEverything() throws Exception {
        try (var c = catalog.database().connection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
    }
}
