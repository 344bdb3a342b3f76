package io.jenkins.plugins.imagelifecycle.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestPostgres} of one test class, started before its first test and stopped after its last:
 * {@code @RegisterExtension static final PostgresPerClass postgres = new PostgresPerClass();}
 */
public final class PostgresPerClass implements BeforeAllCallback, AfterAllCallback {
    private TestPostgres server;

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
