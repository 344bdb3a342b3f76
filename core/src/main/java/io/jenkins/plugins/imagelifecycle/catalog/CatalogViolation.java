package io.jenkins.plugins.imagelifecycle.catalog;

import java.util.List;

/**
 * One breach of an invariant: which, what is wrong in a few words, and the rows involved.
 *
 * @param problem what these rows do wrong, e.g. "names an image that is not in images"
 */
public record CatalogViolation(CatalogInvariant invariant, String problem, List<CatalogRow> rows) {
    public CatalogViolation {
        rows = List.copyOf(rows);
    }
}
