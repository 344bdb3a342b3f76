package io.jenkins.plugins.imagelifecycle.packer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The templates this machine's Packer has validated, so a build of one validated before does not run {@code packer
 * validate} again (about half a second of the host build). Each is a marker named by the sha256 of everything the
 * validation read: the Packer binary (path, size, time), the template's files, the var files, and the names of the
 * variables given. Their values are left out, as the issue asks (a template whose sha256 was validated): builds of
 * one template differ by their values (a version, a message), and no digest of a secret is ever written. A value
 * that a template's own validation rule refuses then fails {@code packer build} itself, before it creates anything,
 * recorded as a failed attempt rather than refused as bad input. Kept under the user's
 * cache folder ({@code $XDG_CACHE_HOME} or {@code ~/.cache}, {@code image-lifecycle/packer-validated}); a marker that
 * cannot be written costs a validation next time, nothing else.
 */
public final class ValidatedTemplates {
    private final Path dir;

    ValidatedTemplates(Path dir) {
        this.dir = dir;
    }

    /** The cache of the environment Packer runs with (the node's, in Jenkins). */
    public static ValidatedTemplates of(Map<String, String> env) {
        String cache = env.get("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".cache");
        return new ValidatedTemplates(base.resolve("image-lifecycle").resolve("packer-validated"));
    }

    /** The key of one validation: what it read, hashed. */
    public String key(Path binary, Path template, Map<String, String> plainVariables, List<Path> varFiles,
                      java.util.Collection<String> sensitiveNames) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            text(sha, "packer " + binary.toAbsolutePath() + " " + Files.size(binary) + " " + Files.getLastModifiedTime(binary));
            for (Path file : templateFiles(template)) {
                text(sha, "template " + template.relativize(file).toString());
                sha.update(Files.readAllBytes(file));
            }
            plainVariables.keySet().stream().sorted().forEach(name -> text(sha, "var " + name));
            for (Path file : varFiles) {
                text(sha, "var-file " + file.toAbsolutePath());
                sha.update(Files.readAllBytes(file));
            }
            sensitiveNames.stream().sorted().forEach(name -> text(sha, "sensitive " + name));
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean validatedBefore(String key) {
        return Files.exists(dir.resolve(key));
    }

    public void remember(String key) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(key), new byte[0]);
        } catch (IOException e) {
            // a cache that cannot be written only means validating again next time
        }
    }

    /** A template file, or every Packer file of a template directory (HCL2 reads them all), in a stable order. */
    private static List<Path> templateFiles(Path template) throws IOException {
        if (!Files.isDirectory(template)) {
            return List.of(template);
        }
        try (Stream<Path> files = Files.list(template)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return Files.isRegularFile(f) && (name.endsWith(".pkr.hcl") || name.endsWith(".pkr.json") || name.endsWith(".pkrvars.hcl"));
            }).sorted().toList();
        }
    }

    private static void text(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
