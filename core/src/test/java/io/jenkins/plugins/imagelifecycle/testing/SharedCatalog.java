package io.jenkins.plugins.imagelifecycle.testing;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A catalog that separate processes share, as tests of several processes (CLI runs, controllers) open it: where each
 * process finds it, what a process needs in its environment to open it there, and how the test opens it itself.
 *
 * @param location           the {@code --catalog} value: a directory, or a JDBC URL that names the user only
 * @param processEnvironment added to a process's environment (PostgreSQL's password file; never the password itself)
 */
public record SharedCatalog(String location, Map<String, String> processEnvironment, Supplier<Catalog> opener) {
    /** The embedded catalog in {@code dir}, as parallel CLI runs on one machine share it. */
    public static SharedCatalog embedded(Path dir) {
        return new SharedCatalog(dir.toString(), Map.of(), () -> Catalog.open(dir.toString()));
    }

    /** A PostgreSQL catalog, as controllers share it: the test opens it with the password as credentials, as the plugin does. */
    public static SharedCatalog postgres(TestPostgres server) {
        return new SharedCatalog(server.jdbcUrl(), server.clientEnvironment(), () -> new Catalog(server.database()));
    }

    public Catalog open() {
        return opener.get();
    }

    public boolean isEmbedded() {
        return !location.startsWith("jdbc:");
    }
}
