package io.jenkins.plugins.imagelifecycle.catalog;

/** The withdrawal on H2 by JDBC URL, as catalogs made before SQLite are opened. */
class WithdrawalH2Test extends WithdrawalTest {
    @Override
    Catalog openCatalog() {
        return new Catalog(CatalogDatabase.open("jdbc:h2:file:" + dir.resolve("catalog"), "sa", ""));
    }
}
