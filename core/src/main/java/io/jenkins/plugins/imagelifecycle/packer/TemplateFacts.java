package io.jenkins.plugins.imagelifecycle.packer;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What is recorded about a template: its sha256 (for a directory, over every template file in name
 * order) and the source image it names, if any: a Docker image, an AMI id or an ISO checksum.
 */
public record TemplateFacts(String sha256, String sourceImage, String sourceKind) implements Serializable {
    private static final Pattern DOCKER_IMAGE = Pattern.compile("\"?image\"?\\s*[=:]\\s*\"([^\"$]+)\"");
    private static final Pattern AMI = Pattern.compile("\"?source_ami\"?\\s*[=:]\\s*\"([^\"$]+)\"");
    private static final Pattern ISO = Pattern.compile("\"?iso_checksum\"?\\s*[=:]\\s*\"([^\"$]+)\"");

    private static final Pattern VARIABLE_IMAGE = Pattern.compile(
            "\"?(image|source_ami|iso_checksum)\"?\\s*[=:]\\s*(?:var\\.(\\w+)|\"\\{\\{\\s*user\\s*`(\\w+)`\\s*}}\")");

    /** As {@link #of(Path)}, with a source named through a variable resolved from {@code variables}. */
    public static TemplateFacts of(Path template, java.util.Map<String, String> variables) {
        TemplateFacts facts = of(template);
        if (facts.sourceImage() != null) {
            return facts;
        }
        try {
            List<Path> files = Files.isDirectory(template) ? templateFiles(template) : List.of(template);
            for (Path f : files) {
                Matcher m = VARIABLE_IMAGE.matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group(2) != null ? m.group(2) : m.group(3);
                    String value = variables.get(name);
                    if (value != null && !value.isBlank()) {
                        String kind = switch (m.group(1)) {
                            case "image" -> "docker";
                            case "source_ami" -> "ami";
                            default -> "iso";
                        };
                        return new TemplateFacts(facts.sha256(), value, kind);
                    }
                }
            }
        } catch (IOException e) {
            throw new BadInputException("Template '" + template + "' cannot be read: " + e.getMessage());
        }
        return facts;
    }

    public static TemplateFacts of(Path template) {
        try {
            List<Path> files = Files.isDirectory(template) ? templateFiles(template) : List.of(template);
            if (files.isEmpty()) {
                throw new BadInputException("Template directory '" + template + "' holds no *.pkr.hcl or *.pkr.json file");
            }
            StringBuilder all = new StringBuilder();
            StringBuilder hashes = new StringBuilder();
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                all.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
                hashes.append(template.relativize(f.equals(template) ? template : f)).append(' ')
                        .append(Digest.sha256(bytes).hex()).append('\n');
            }
            String sha = files.size() == 1 && !Files.isDirectory(template)
                    ? Digest.sha256(Files.readAllBytes(template)).hex() : Digest.sha256(hashes.toString()).hex();
            String text = all.toString();
            for (var kind : List.of(new Object[] {DOCKER_IMAGE, "docker"}, new Object[] {AMI, "ami"}, new Object[] {ISO, "iso"})) {
                Matcher m = ((Pattern) kind[0]).matcher(text);
                if (m.find()) {
                    return new TemplateFacts(sha, m.group(1), (String) kind[1]);
                }
            }
            return new TemplateFacts(sha, null, null);
        } catch (IOException e) {
            throw new BadInputException("Template '" + template + "' cannot be read: " + e.getMessage());
        }
    }

    private static List<Path> templateFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".pkr.hcl") || n.endsWith(".pkr.json");
            }).sorted().toList();
        }
    }
}
