package io.jenkins.plugins.imagelifecycle.advisories;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import us.springett.cvss.Cvss;

/** Reads one OSV advisory, refusing what the schema does not allow, each refusal naming the file and the field. */
public final class OsvReader {
    private static final Set<String> EVENT_KINDS = Set.of("introduced", "fixed", "last_affected", "limit");

    private OsvReader() {
    }

    /** @param source where the JSON came from, for messages ({@code osv.zip!DSA-5678-1.json}) */
    public static OsvAdvisory read(byte[] json, String source) {
        JsonNode root = json(json, source);
        if (!root.isObject()) {
            throw new BadInputException(source + " is not an OSV advisory: expected a JSON object");
        }
        String id = text(root, "id", source);
        Instant modified = instant(root, "modified", source);
        Instant withdrawn = root.hasNonNull("withdrawn") ? instant(root, "withdrawn", source) : null;
        List<String> aliases = new ArrayList<>();
        root.path("aliases").forEach(a -> aliases.add(a.asText()));
        List<OsvAdvisory.Affected> affected = new ArrayList<>();
        for (JsonNode a : root.path("affected")) {
            affected.add(affected(a, source + " (" + id + ")"));
        }
        return new OsvAdvisory(id, modified, withdrawn, aliases, root.path("summary").asText(null), severity(root), affected,
                Json.write(root));
    }

    private static OsvAdvisory.Affected affected(JsonNode a, String where) {
        JsonNode pkg = a.path("package");
        String ecosystem = pkg.path("ecosystem").asText("");
        String name = pkg.path("name").asText("");
        if (ecosystem.isBlank() || name.isBlank()) {
            throw new BadInputException(where + ": an affected entry without package.ecosystem and package.name");
        }
        List<OsvAdvisory.Range> ranges = new ArrayList<>();
        for (JsonNode r : a.path("ranges")) {
            List<OsvAdvisory.Event> events = new ArrayList<>();
            for (JsonNode e : r.path("events")) {
                var fields = e.fieldNames();
                if (!fields.hasNext()) {
                    throw new BadInputException(where + ": an empty range event; expected one of " + String.join(", ", EVENT_KINDS));
                }
                String kind = fields.next();
                if (!EVENT_KINDS.contains(kind)) {
                    throw new BadInputException(where + ": range event '" + kind + "'; expected one of introduced, fixed, last_affected, limit");
                }
                events.add(new OsvAdvisory.Event(kind, e.path(kind).asText()));
            }
            if (events.isEmpty()) {
                throw new BadInputException(where + ": a range of " + name + " without events; expected at least an introduced event");
            }
            ranges.add(new OsvAdvisory.Range(r.path("type").asText(""), events));
        }
        List<String> versions = new ArrayList<>();
        a.path("versions").forEach(v -> versions.add(v.asText()));
        return new OsvAdvisory.Affected(ecosystem, name, ranges, versions);
    }

    /** A file's JSON, or one line naming the file when it is none (advisories and scanner reports alike). */
    static JsonNode json(byte[] bytes, String source) {
        try {
            return Json.read(new String(bytes, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new BadInputException(source + " is not JSON: " + Messages.firstLine(e.getMessage(), "unreadable"));
        }
    }

    /** The highest of what the advisory states: CVSS v3 vectors (scored), an ecosystem's word, the database's word. */
    static Severity severity(JsonNode root) {
        Severity highest = Severity.fromWord(root.path("database_specific").path("severity").asText(null));
        for (JsonNode s : root.path("severity")) {
            String type = s.path("type").asText("");
            String score = s.path("score").asText("");
            Severity one = Severity.UNKNOWN;
            if (type.equals("CVSS_V3")) {
                one = cvssV3(score);
            } else if (!type.startsWith("CVSS")) {
                one = Severity.fromWord(score);
            }
            if (one.compareTo(highest) > 0) {
                highest = one;
            }
        }
        for (JsonNode a : root.path("affected")) {
            Severity word = Severity.fromWord(a.path("ecosystem_specific").path("severity").asText(null));
            if (word.compareTo(highest) > 0) {
                highest = word;
            }
        }
        return highest;
    }

    /** A CVSS v3 vector's rating; a vector the calculator cannot read states nothing (the advisory is still imported). */
    private static Severity cvssV3(String vector) {
        try {
            Cvss cvss = Cvss.fromVector(vector);
            return cvss == null ? Severity.UNKNOWN : Severity.fromCvssScore(cvss.calculateScore().getBaseScore());
        } catch (RuntimeException unreadable) {
            return Severity.UNKNOWN;
        }
    }

    private static String text(JsonNode root, String field, String source) {
        String value = root.path(field).asText("");
        if (value.isBlank()) {
            throw new BadInputException(source + " has no '" + field + "': expected an OSV advisory");
        }
        return value;
    }

    private static Instant instant(JsonNode root, String field, String source) {
        String value = text(root, field, source);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadInputException(source + ": '" + field + "' is '" + value + "'; expected an RFC 3339 time such as 2024-05-01T12:00:00Z");
        }
    }
}
