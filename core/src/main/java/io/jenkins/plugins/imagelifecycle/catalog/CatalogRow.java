package io.jenkins.plugins.imagelifecycle.catalog;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row of a catalog table as a violation names it: the table and the columns that identify the row and show what is
 * wrong with it, in the order read. Values are whole numbers (ids, versions) or text.
 */
public record CatalogRow(String table, Map<String, Object> columns) {
    public CatalogRow {
        columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
    }

    /** {@code placements{id=7, environment=qa, digest=sha256:…}} */
    @Override
    public String toString() {
        return table + columns.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    }
}
