package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore;
import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The computed {@code outdated} flag for retired ancestry (never a stage): every image that is neither
 * retired nor failed and has a retired parent, or a retired ancestor further up.
 */
public final class OutdatedImages {
    private OutdatedImages() {
    }

    /** @return digest → reason ({@code parent retired: sha256:…}), oldest image first */
    public static Map<String, String> parentRetired(Catalog catalog) {
        return parentRetired(new EndOfLifeStore(catalog).all());
    }

    static Map<String, String> parentRetired(List<LineageRow> rows) {
        Map<String, LineageRow> byDigest = new HashMap<>();
        rows.forEach(r -> byDigest.put(r.digest(), r));
        Map<String, String> outdated = new LinkedHashMap<>();
        for (LineageRow row : rows) {
            if (row.stage() == Stage.RETIRED || row.stage() == Stage.FAILED) {
                continue;
            }
            LineageRow parent = byDigest.get(row.parentDigest());
            for (int depth = 0; parent != null && depth < 64; depth++) {
                if (parent.stage() == Stage.RETIRED) {
                    outdated.put(row.digest(), "parent retired: " + parent.digest());
                    break;
                }
                parent = byDigest.get(parent.parentDigest());
            }
        }
        return outdated;
    }
}
