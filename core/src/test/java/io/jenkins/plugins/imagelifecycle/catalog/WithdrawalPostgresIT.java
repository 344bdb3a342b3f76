package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The withdrawal on a real PostgreSQL server (row locks, READ COMMITTED). */
@Tag("integration")
class WithdrawalPostgresIT extends WithdrawalTest {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass().emptiedAfterEachTest();

    @Override
    Catalog openCatalog() {
        return new Catalog(postgres.server().database());
    }
}
