package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.testing.PostgresPerClass;
import io.jenkins.plugins.imagelifecycle.testing.SharedCatalog;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same 50 promotions from two controllers (two JVMs, one pool each) on one PostgreSQL catalog that takes passwords:
 * the shared catalog of a Jenkins fleet. The controllers open the URL alone; the driver reads the password from libpq's
 * password file. Before the catalog's lock around a promotion's copy and record, an environment's tag ended on another
 * digest than its pointer in one run of five here.
 */
@Tag("integration")
class TwoControllersPromotingIT extends TwoProcessesPromotingIT {
    @RegisterExtension
    static final PostgresPerClass postgres = new PostgresPerClass();

    @Override
    SharedCatalog catalog() {
        return SharedCatalog.postgres(postgres.server());
    }
}
