package io.jenkins.plugins.imagelifecycle.verify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.support.Messages;
import io.jenkins.plugins.imagelifecycle.support.YamlMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads container-structure-test YAML ({@code schemaVersion} 1.0.0 or 2.0.0) and refuses, before anything runs,
 * any file with a syntax error, another schema version, an unknown key or test kind, a missing required
 * field or an invalid pattern — naming the file, the line or the test, and the key.
 */
public final class SpecParser {
    public static final String SCHEMA_VERSION = "2.0.0";
    /** The schema versions container-structure-test reads, and so do we. */
    public static final List<String> SCHEMA_VERSIONS = List.of("1.0.0", SCHEMA_VERSION);
    // duplicate keys refused as CST's strict YAML parser (yaml.v2 UnmarshalStrict) refuses them
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SpecParser() {
    }

    public static List<SpecFile> parseAll(List<Path> files) {
        return files.stream().map(SpecParser::parse).toList();
    }

    /**
     * Reads every file for a test run as container-structure-test does: a file that does not validate is
     * kept as one failing result with its reason, and the other files still run. Only a file that cannot be
     * read at all is refused.
     */
    public static List<SpecFile> readAll(List<Path> files) {
        return files.stream().map(SpecParser::read).toList();
    }

    static SpecFile read(Path file) {
        byte[] bytes = bytes(file);
        try {
            return parse(file.getFileName().toString(), bytes);
        } catch (SpecWithoutTestsException e) {
            return SpecFile.withoutTests(file.getFileName().toString(), Digest.sha256(bytes).hex(), e.getMessage());
        } catch (BadInputException e) {
            return SpecFile.invalid(file.getFileName().toString(), Digest.sha256(bytes).hex(), e.getMessage());
        }
    }

    /** The specs a build is given: none at all means "not tested"; files that define no test are refused. */
    public static List<SpecFile> parseBuildTests(List<Path> files) {
        return files.isEmpty() ? List.of() : requireTests(parseAll(files));
    }

    /**
     * Refuses a test run that would run no test: no spec file, or files that define none (an empty
     * {@code metadataTest} is none, as in container-structure-test). Such a run would prove nothing, yet
     * pass and unlock promotion.
     */
    public static List<SpecFile> requireTests(List<SpecFile> specs) {
        if (specs.isEmpty()) {
            throw new BadInputException("No test spec given; a test run needs at least one container-structure-test file");
        }
        if (specs.size() == 1 && specs.get(0).holdsNoTest()) {
            throw new BadInputException(specs.get(0).problem());
        }
        if (specs.stream().mapToInt(SpecFile::testCount).sum() == 0) {
            throw new BadInputException("Test spec(s) " + specs.stream().map(SpecFile::name).collect(Collectors.joining(", "))
                    + " define no test; expected at least one commandTests, fileExistenceTests, fileContentTests"
                    + " or non-empty metadataTest entry");
        }
        return specs;
    }

    public static SpecFile parse(Path file) {
        return parse(file.getFileName().toString(), bytes(file));
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("Test spec '" + file + "' cannot be read; expected a container-structure-test YAML file");
        }
    }

    private static SpecFile parse(String name, byte[] bytes) {
        String version = schemaVersion(name, bytes);
        TestSpec spec = "1.0.0".equals(version) ? bind(name, bytes, SpecV1.class).toV2() : bind(name, bytes, TestSpec.class);
        SpecValidator.validate(name, spec);
        return new SpecFile(name, Digest.sha256(bytes).hex(), spec);
    }

    /** The version is read first, as CST does, so a file of another version is never blamed for a field's type. */
    private static String schemaVersion(String name, byte[] bytes) {
        JsonNode tree;
        try {
            tree = YAML.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw syntax(name, e);
        } catch (IOException e) {
            throw new BadInputException("Test spec " + name + " cannot be read: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new BadInputException("Test spec " + name + " is empty; expected schemaVersion: " + SCHEMA_VERSION + " and tests");
        }
        if (!tree.isObject()) {
            throw new BadInputException("Test spec " + name + " is a YAML " + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                    + "; expected a mapping with schemaVersion and tests");
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.isValueNode() || !SCHEMA_VERSIONS.contains(version.asText())) {
            throw new BadInputException("Test spec " + name + " has schemaVersion " + (version == null ? "missing" : "'" + version.asText() + "'")
                    + "; the schema versions read are " + String.join(" and ", SCHEMA_VERSIONS));
        }
        return version.asText();
    }

    private static <T> T bind(String name, byte[] bytes, Class<T> type) {
        try {
            return YAML.readValue(bytes, type);
        } catch (UnrecognizedPropertyException e) {
            throw unknownKey(name, e, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        } catch (MismatchedInputException e) {
            throw new BadInputException("Test spec " + name + line(e.getLocation()) + ": " + YamlMessages.wrongType(e));
        } catch (JsonProcessingException e) {
            throw syntax(name, e);
        } catch (IOException e) {
            throw new BadInputException("Test spec " + name + " cannot be read: " + e.getMessage());
        }
    }

    private static BadInputException syntax(String name, JsonProcessingException e) {
        String message = Messages.firstLine(e.getOriginalMessage(), "");
        java.util.regex.Matcher duplicate = java.util.regex.Pattern.compile("Duplicate field '(.*)'").matcher(message);
        if (duplicate.find()) {
            return new BadInputException("Test spec " + name + line(e.getLocation()) + ": key '" + duplicate.group(1)
                    + "' appears twice in one mapping; expected each key once, as container-structure-test's strict parser does");
        }
        return new BadInputException("Test spec " + name + line(e.getLocation()) + " is not valid YAML: " + message);
    }

    private static BadInputException unknownKey(String name, UnrecognizedPropertyException e, String text) {
        String key = e.getPropertyName();
        String where = YamlMessages.path(e);
        String expected = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        String what = where.contains(".") || where.contains("[") ? "unknown key '" + where + "'" : "unknown test kind or key '" + key + "'";
        return new BadInputException("Test spec " + name + keyLine(text, key, e.getLocation()) + ": " + what
                + "; expected one of " + expected);
    }

    /** Jackson reports where it stopped reading; a person wants the line where the key stands. */
    private static String keyLine(String text, String key, JsonLocation fallback) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("^[\\s-]*['\"]?" + java.util.regex.Pattern.quote(key) + "['\"]?\\s*:");
        String[] lines = text.split("\\R", -1);
        int stop = fallback == null || fallback.getLineNr() < 1 ? lines.length : Math.min(lines.length, fallback.getLineNr());
        for (int i = stop - 1; i >= 0; i--) {
            if (p.matcher(lines[i]).find()) {
                return " line " + (i + 1);
            }
        }
        return line(fallback);
    }


    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
    }
}
