package io.jenkins.plugins.imagelifecycle.catalog;

/** The catalog check's tests on H2 by JDBC URL, as catalogs made before SQLite are opened. */
class CatalogCheckH2Test extends CatalogCheckTest {
    @Override
    Catalog openCatalog() {
        return new Catalog(CatalogDatabase.open("jdbc:h2:file:" + dir.resolve("catalog"), "sa", ""));
    }
}
