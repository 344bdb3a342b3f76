package io.jenkins.plugins.imagelifecycle.view;

import io.jenkins.plugins.imagelifecycle.advisories.Severity;
import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The computed flag {@code vulnerable} of every image, beside {@code outdated}: its open findings, the
 * advisories they come from, the highest severity among them. Read once for a whole page or status.
 */
public final class Vulnerabilities {
    private final Map<String, List<Finding>> open = new HashMap<>();

    public Vulnerabilities(Catalog catalog) {
        for (Finding f : new AdvisoryStore(catalog).findings(null, true)) {
            open.computeIfAbsent(f.digest(), d -> new ArrayList<>()).add(f);
        }
    }

    public boolean vulnerable(String digest) {
        return open.containsKey(digest);
    }

    public List<Finding> findings(String digest) {
        return open.getOrDefault(digest, List.of());
    }

    /** The advisory ids, sorted, each once. */
    public List<String> advisories(String digest) {
        TreeSet<String> ids = new TreeSet<>();
        findings(digest).forEach(f -> ids.add(f.advisoryId()));
        return List.copyOf(ids);
    }

    /** The highest severity of the open findings, or null when there are none. */
    public String highestSeverity(String digest) {
        return findings(digest).stream().map(f -> Severity.fromWord(f.severity())).max(Enum::compareTo).map(Severity::id).orElse(null);
    }
}
