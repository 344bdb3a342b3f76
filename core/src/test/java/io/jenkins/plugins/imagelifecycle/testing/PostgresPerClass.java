package io.jenkins.plugins.imagelifecycle.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestPostgres} of one test class, started before its first test and stopped after its last:
 * {@code @RegisterExtension static final PostgresPerClass postgres = new PostgresPerClass();}
 */
public final class PostgresPerClass implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private TestPostgres server;
    private boolean emptiedAfterEach;

    /**
     * Empties the database's schema after each test (after the test's own clean-up): each test starts from none, as
     * each test of an embedded catalog has a folder of its own.
     */
    public PostgresPerClass emptiedAfterEachTest() {
        emptiedAfterEach = true;
        return this;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (emptiedAfterEach) {
            server.dropEverything();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TestPostgres.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    public TestPostgres server() {
        return server;
    }
}
