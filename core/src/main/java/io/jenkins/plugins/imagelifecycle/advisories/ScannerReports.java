package io.jenkins.plugins.imagelifecycle.advisories;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A scanner's report for one image, as findings, so that teams that already scan keep their scanner:
 * Trivy's JSON ({@code Results[].Vulnerabilities[]}) and Grype's ({@code matches[]}), in their documented
 * shapes; which one is told by its top-level keys.
 */
public final class ScannerReports {
    /** One reported finding. {@code fixed} null: no fix yet. */
    public record Reported(String advisory, List<String> aliases, String packageName, String installed, String fixed, Severity severity) {
    }

    /** The scanner ({@code trivy} or {@code grype}) and what it reported. */
    public record Report(String scanner, List<Reported> findings) {
    }

    private ScannerReports() {
    }

    public static Report read(byte[] json, String source) {
        JsonNode root = OsvReader.json(json, source);
        if (root.has("Results") || root.has("SchemaVersion")) {
            return new Report("trivy", trivy(root, source));
        }
        if (root.has("matches")) {
            return new Report("grype", grype(root, source));
        }
        throw new BadInputException(source + " is neither a Trivy report (Results) nor a Grype report (matches)");
    }

    private static List<Reported> trivy(JsonNode root, String source) {
        List<Reported> out = new ArrayList<>();
        for (JsonNode result : root.path("Results")) {
            for (JsonNode v : result.path("Vulnerabilities")) {
                String id = required(v, "VulnerabilityID", source);
                String fixed = v.path("FixedVersion").asText("");
                out.add(new Reported(id, List.of(), required(v, "PkgName", source), required(v, "InstalledVersion", source),
                        fixed.isBlank() ? null : fixed, Severity.fromWord(v.path("Severity").asText(null))));
            }
        }
        return out;
    }

    private static List<Reported> grype(JsonNode root, String source) {
        List<Reported> out = new ArrayList<>();
        for (JsonNode m : root.path("matches")) {
            JsonNode vulnerability = m.path("vulnerability");
            JsonNode artifact = m.path("artifact");
            List<String> aliases = new ArrayList<>();
            m.path("relatedVulnerabilities").forEach(r -> aliases.add(r.path("id").asText()));
            JsonNode fixes = vulnerability.path("fix").path("versions");
            out.add(new Reported(required(vulnerability, "id", source), aliases, required(artifact, "name", source),
                    required(artifact, "version", source), fixes.isArray() && fixes.size() > 0 ? fixes.get(0).asText() : null,
                    Severity.fromWord(vulnerability.path("severity").asText(null))));
        }
        return out;
    }

    private static String required(JsonNode node, String field, String source) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new BadInputException(source + ": a finding without '" + field + "'");
        }
        return value;
    }
}
