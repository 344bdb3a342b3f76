package io.jenkins.plugins.imagelifecycle.signing;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A private key's passphrase, from an environment variable or a file: never from an argument, which any
 * user of the machine can read in the process list. Its bytes are never shown.
 */
public final class Passphrase {
    private static final Passphrase NONE = new Passphrase(new byte[0]);
    private final byte[] bytes;

    private Passphrase(byte[] bytes) {
        this.bytes = bytes;
    }

    /** No passphrase: the key is not encrypted (cosign's files are always encrypted, with an empty one at least). */
    public static Passphrase none() {
        return NONE;
    }

    public static Passphrase of(String value) {
        return new Passphrase(value.getBytes(StandardCharsets.UTF_8));
    }

    public static Passphrase fromEnvironment(String variable, Map<String, String> environment) {
        String value = environment.get(variable);
        if (value == null) {
            throw new BadInputException("Passphrase variable " + variable + " is not set; expected the signing key's passphrase in it");
        }
        return of(value);
    }

    /** The file's content, without one trailing line break (as {@code skopeo --sign-passphrase-file} reads it). */
    public static Passphrase fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("Passphrase file " + file + " does not exist; expected a file holding the signing key's passphrase");
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8);
            return of(value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
        } catch (IOException e) {
            throw new UncheckedIOException("Passphrase file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    char[] chars() {
        return new String(bytes, StandardCharsets.UTF_8).toCharArray();
    }

    @Override
    public String toString() {
        return "(passphrase)";
    }
}
