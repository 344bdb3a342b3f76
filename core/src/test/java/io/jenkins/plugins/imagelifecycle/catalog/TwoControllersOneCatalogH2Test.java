package io.jenkins.plugins.imagelifecycle.catalog;

/** Two controllers on H2 by JDBC URL, which has no ON CONFLICT: a taken key is its duplicate-key error. */
class TwoControllersOneCatalogH2Test extends TwoControllersOneCatalogTest {
    @Override
    Catalog openCatalog() {
        return new Catalog(CatalogDatabase.open("jdbc:h2:file:" + dir.resolve("catalog"), "sa", ""));
    }
}
