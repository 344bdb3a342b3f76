package io.jenkins.plugins.imagelifecycle.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A retirement policy file (YAML), in the spirit of EC2 Image Builder's lifecycle policies:
 * <pre>
 * rules:
 *   - family: 127.0.0.1:5000/apps/shop   # a repository, or "*" for every repository
 *     keepNewest: 3                       # keep the 3 newest live images
 *     olderThanDays: 90                   # retire those older than 90 days (both: outside the newest 3 AND older)
 *     reason: keep three releases
 * </pre>
 */
public record RetirePolicy(List<Rule> rules) {
    private static final Set<String> RULE_KEYS = Set.of("family", "keepNewest", "olderThanDays", "reason");

    /** One family's rule; a null limit is not applied. */
    public record Rule(String family, Integer keepNewest, Integer olderThanDays, String reason) {
        public boolean matches(String repository) {
            return family.equals("*") || family.equals(repository);
        }
    }

    public RetirePolicy {
        rules = List.copyOf(rules);
    }

    public static RetirePolicy load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new BadInputException("Policy file '" + file + "' cannot be read: " + e.getMessage());
        }
    }

    static RetirePolicy parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new BadInputException("Policy file '" + source + "' is not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode list = root == null ? null : root.get("rules");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new BadInputException("Policy file '" + source + "' has no rules; expected a top-level 'rules:' list");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode node : list) {
            rules.add(rule(node, source, rules.size() + 1));
        }
        return new RetirePolicy(rules);
    }

    private static Rule rule(JsonNode node, String source, int index) {
        String where = "Rule " + index + " of policy file '" + source + "'";
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!RULE_KEYS.contains(key)) {
                throw new BadInputException(where + " has unknown key '" + key + "'; expected family, keepNewest, olderThanDays, reason");
            }
        }
        String family = node.path("family").asText("");
        if (family.isBlank()) {
            throw new BadInputException(where + " has no family; expected a repository such as registry/apps/shop, or \"*\"");
        }
        Integer keep = count(node, "keepNewest", where, 1);
        Integer days = count(node, "olderThanDays", where, 0);
        if (keep == null && days == null) {
            throw new BadInputException(where + " (family " + family + ") sets neither keepNewest nor olderThanDays");
        }
        String reason = node.path("reason").asText("retirement policy");
        return new Rule(family, keep, days, reason);
    }

    private static Integer count(JsonNode node, String key, String where, int min) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min) {
            throw new BadInputException(where + ": " + key + " is '" + value.asText() + "'; expected a whole number of at least " + min);
        }
        return value.asInt();
    }
}
