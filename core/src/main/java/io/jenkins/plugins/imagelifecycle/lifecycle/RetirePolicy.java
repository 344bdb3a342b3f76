package io.jenkins.plugins.imagelifecycle.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A retirement policy file (YAML), staged as EC2 Image Builder's lifecycle policies are:
 * <pre>
 * rules:
 *   - family: 127.0.0.1:5000/apps/shop            # a repository, or "*" for every family without a rule of its own
 *     deprecate: {afterDays: 30, keepNewest: 3}    # older than 30 days and not among the 3 newest live images
 *     retire:    {afterDays: 90, keepNewest: 1}
 *     purge:     {afterDays: 180}                  # delete the retired image's manifests from the registry
 *     reason: three releases, then one
 * </pre>
 * Every age counts from the image's creation, so the stages' days must not decrease. A rule of the first
 * format ({@code keepNewest}, {@code olderThanDays} at the rule's level) is a retire stage.
 */
public record RetirePolicy(List<Rule> rules) {
    private static final Set<String> RULE_KEYS = Set.of("family", "deprecate", "retire", "purge", "reason", "keepNewest",
            "olderThanDays");
    /** 100 years: beyond it a due date would pass the year 9999 that every catalog database stores. */
    private static final int MAX_DAYS = 36_500;

    /**
     * When a stage applies to an image: once it is older than {@code afterDays} (0: at once) and is not
     * among the {@code keepNewest} newest live images of its family (null: no count kept).
     */
    public record Threshold(int afterDays, Integer keepNewest) {
    }

    /** One family's stages, in order; a stage that is absent is never applied by this rule. */
    public record Rule(String family, Map<PolicyStage, Threshold> stages, String reason) {
        public Rule {
            stages = Map.copyOf(stages);
        }

        public Optional<Threshold> stage(PolicyStage stage) {
            return Optional.ofNullable(stages.get(stage));
        }
    }

    public RetirePolicy {
        rules = List.copyOf(rules);
    }

    /** The rule that governs a family: its own rule, else the {@code "*"} rule, else none. */
    public Optional<Rule> ruleFor(String family) {
        Optional<Rule> own = rules.stream().filter(r -> r.family().equals(family)).findFirst();
        return own.isPresent() ? own : rules.stream().filter(r -> r.family().equals("*")).findFirst();
    }

    public static RetirePolicy load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("Policy file '" + file + "' does not exist; expected a YAML file with a top-level 'rules:' list");
        } catch (IOException e) {
            throw new BadInputException("Policy file '" + file + "' cannot be read: " + e.getMessage());
        }
    }

    /** @param source where the text comes from, for messages: a file, or the setting that holds it */
    public static RetirePolicy parse(String yaml, String source) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new BadInputException("Policy '" + source + "' is not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode list = root == null ? null : root.get("rules");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new BadInputException("Policy '" + source + "' has no rules; expected a top-level 'rules:' list");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> ruleOfFamily = new HashMap<>();
        for (JsonNode node : list) {
            int index = rules.size() + 1;
            Rule rule = rule(node, source, index);
            Integer earlier = ruleOfFamily.putIfAbsent(rule.family(), index);
            if (earlier != null) {
                throw new BadInputException("Rule " + index + " of policy '" + source + "': family " + rule.family()
                        + " already has rule " + earlier + "; expected one rule per family");
            }
            rules.add(rule);
        }
        return new RetirePolicy(rules);
    }

    private static Rule rule(JsonNode node, String source, int index) {
        if (!node.isObject()) {
            throw new BadInputException("Rule " + index + " of policy '" + source + "' is '" + text(node)
                    + "'; expected a mapping with family and stages");
        }
        String family = node.path("family").asText("");
        String where = "Rule " + index + (family.isBlank() ? "" : " (family " + family + ")") + " of policy '" + source + "'";
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!RULE_KEYS.contains(key)) {
                throw new BadInputException(where + " has unknown key '" + key
                        + "'; expected family, deprecate, retire, purge, reason (or the first format's keepNewest, olderThanDays)");
            }
        }
        if (family.isBlank()) {
            throw new BadInputException(where + " has no family; expected a repository such as registry/apps/shop, or \"*\"");
        }
        Map<PolicyStage, Threshold> stages = node.has("keepNewest") || node.has("olderThanDays")
                ? firstFormat(node, where) : stages(node, where);
        JsonNode reason = node.get("reason");
        if (reason != null && !reason.isTextual()) {
            throw new BadInputException(where + ": reason is '" + text(reason) + "'; expected text");
        }
        return new Rule(family, stages, reason == null ? "retirement policy" : reason.asText());
    }

    /** The first format: keepNewest and olderThanDays at the rule's level, one retire stage. */
    private static Map<PolicyStage, Threshold> firstFormat(JsonNode node, String where) {
        for (PolicyStage stage : PolicyStage.values()) {
            if (node.has(stage.id())) {
                throw new BadInputException(where + " mixes keepNewest/olderThanDays with the stage '" + stage.id()
                        + "'; expected either stages (deprecate, retire, purge) or the first format's keepNewest/olderThanDays");
            }
        }
        Integer keep = number(node, "keepNewest", where, "keepNewest", 1, Integer.MAX_VALUE);
        Integer days = number(node, "olderThanDays", where, "olderThanDays", 0, MAX_DAYS);
        if (keep == null && days == null) {
            throw new BadInputException(where + " sets neither keepNewest nor olderThanDays");
        }
        return Map.of(PolicyStage.RETIRE, new Threshold(days == null ? 0 : days, keep));
    }

    private static Map<PolicyStage, Threshold> stages(JsonNode node, String where) {
        Map<PolicyStage, Threshold> stages = new EnumMap<>(PolicyStage.class);
        PolicyStage previous = null;
        for (PolicyStage stage : PolicyStage.values()) {
            JsonNode value = node.get(stage.id());
            if (value == null) {
                continue;
            }
            Threshold threshold = threshold(value, stage, where);
            if (previous != null && threshold.afterDays() < stages.get(previous).afterDays()) {
                throw new BadInputException(where + ": " + stage.id() + ".afterDays is '" + threshold.afterDays()
                        + "'; expected at least " + previous.id() + ".afterDays (" + stages.get(previous).afterDays()
                        + "): every age counts from the image's creation, and an image is " + stage.reached()
                        + " only after it is " + previous.reached());
            }
            stages.put(stage, threshold);
            previous = stage;
        }
        if (stages.isEmpty()) {
            throw new BadInputException(where + " sets no stage; expected at least one of deprecate, retire, purge");
        }
        return stages;
    }

    private static Threshold threshold(JsonNode value, PolicyStage stage, String where) {
        Set<String> keys = stage == PolicyStage.PURGE ? Set.of("afterDays") : Set.of("afterDays", "keepNewest");
        String expected = stage == PolicyStage.PURGE ? "afterDays" : "afterDays, keepNewest";
        if (!value.isObject()) {
            throw new BadInputException(where + ": " + stage.id() + " is '" + text(value) + "'; expected a mapping of "
                    + expected + ", e.g. {afterDays: 30}");
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!keys.contains(key)) {
                throw new BadInputException(where + ": " + stage.id() + " has unknown key '" + key + "'; expected " + expected);
            }
        }
        Integer days = number(value, "afterDays", where, stage.id() + ".afterDays", 0, MAX_DAYS);
        Integer keep = number(value, "keepNewest", where, stage.id() + ".keepNewest", 1, Integer.MAX_VALUE);
        if (days == null && keep == null) {
            throw new BadInputException(where + ": " + stage.id() + (stage == PolicyStage.PURGE ? " sets no afterDays"
                    : " sets neither afterDays nor keepNewest") + "; expected e.g. {afterDays: 90}");
        }
        return new Threshold(days == null ? 0 : days, keep);
    }

    /** A value as the file wrote it, on one line. */
    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static Integer number(JsonNode node, String key, String where, String name, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw new BadInputException(where + ": " + name + " is '" + text(value) + "'; expected a whole number "
                    + (max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max));
        }
        return value.asInt();
    }
}
