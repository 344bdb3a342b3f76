package io.jenkins.plugins.imagelifecycle.packer;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Variables for one Packer run: plain ones as {@code -var}, sensitive ones only through a JSON var file
 * made owner-only in an owner-only directory and deleted at {@link #close()} — never on a command line,
 * where {@code ps} would show them.
 */
public final class PackerVariables implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

    private final Map<String, String> plain;
    private final Map<String, String> sensitive;
    private final List<Path> varFiles;
    private Path secretDir;

    public PackerVariables(Map<String, String> plain, Map<String, String> sensitive, List<Path> varFiles) {
        this.plain = new LinkedHashMap<>(plain);
        this.sensitive = new LinkedHashMap<>(sensitive);
        this.varFiles = List.copyOf(varFiles);
        for (String name : concat(plain.keySet(), sensitive.keySet())) {
            if (!NAME.matcher(name).matches()) {
                throw new BadInputException("Packer variable name '" + name + "' is not valid; expected letters, digits, '_' and '-'");
            }
        }
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The arguments for validate and build; writes the sensitive var file on first use. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>();
        plain.forEach((k, v) -> args.add("-var=" + k + "=" + v));
        varFiles.forEach(f -> args.add("-var-file=" + f));
        if (!sensitive.isEmpty()) {
            args.add("-var-file=" + sensitiveFile());
        }
        return args;
    }

    /** The values that must never be shown: masked in every line Packer prints. */
    public Collection<String> secrets() {
        return sensitive.values();
    }

    /** The non-sensitive variables, for records and provenance. */
    public Map<String, String> recordable() {
        Map<String, String> shown = new LinkedHashMap<>(plain);
        sensitive.keySet().forEach(k -> shown.put(k, "(sensitive)"));
        return shown;
    }

    private Path sensitiveFile() {
        try {
            if (secretDir == null) {
                secretDir = Files.createTempDirectory("image-lifecycle-packer-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path file = secretDir.resolve("sensitive.json");
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Json.write(sensitive));
            }
            return secretDir.resolve("sensitive.json");
        } catch (IOException e) {
            throw new OperationFailedException("Cannot write the sensitive variable file: " + e.getMessage(), e);
        }
    }

    /** The path of the sensitive var file, if one was written (tests check it is gone afterwards). */
    public java.util.Optional<Path> sensitiveFilePath() {
        return java.util.Optional.ofNullable(secretDir).map(d -> d.resolve("sensitive.json"));
    }

    @Override
    public void close() {
        if (secretDir != null) {
            try {
                Files.deleteIfExists(secretDir.resolve("sensitive.json"));
                Files.deleteIfExists(secretDir);
            } catch (IOException e) {
                throw new OperationFailedException("Cannot delete the sensitive variable file in " + secretDir, e);
            }
        }
    }
}
