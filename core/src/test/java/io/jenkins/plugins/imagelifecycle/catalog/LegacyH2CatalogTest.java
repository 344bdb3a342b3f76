package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The catalog's contract on a directory made before the embedded catalog moved to SQLite: it holds an H2
 * catalog ({@code catalog.mv.db}) and is opened with H2 and its automatic server, as then.
 */
class LegacyH2CatalogTest extends CatalogTest {
    private boolean made;

    @Override
    String location() {
        if (!made) {
            made = true;
            // an H2 catalog as earlier releases made it in a directory: the same file, the real migrations
            new Catalog(CatalogDatabase.open("jdbc:h2:file:" + dir.resolve("catalog"), "sa", "")).close();
        }
        return dir.toString();
    }

    @Test
    void anOlderH2CatalogIsOpenedWithH2AndNoSqliteFileAppears() {
        assertThat(catalog.database().isH2()).isTrue();
        assertThat(Files.exists(dir.resolve("catalog.sqlite"))).isFalse();
    }
}
