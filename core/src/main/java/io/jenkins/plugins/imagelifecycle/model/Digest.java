package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest such as {@code sha256:4f2a…}: the identity of a manifest, blob or file. */
public final class Digest implements Serializable, Comparable<Digest> {
    private static final long serialVersionUID = 1L;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private final String algorithm;
    private final String hex;

    private Digest(String algorithm, String hex) {
        this.algorithm = algorithm;
        this.hex = hex;
    }

    /** Parses {@code algorithm:hex}; only sha256 and sha512, as the OCI image spec registers. */
    public static Digest parse(String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException("Digest is empty; expected sha256:<64 hex characters>");
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new BadInputException("Digest '" + value + "' has no algorithm; expected sha256:<64 hex characters>");
        }
        String algorithm = value.substring(0, colon);
        String hex = value.substring(colon + 1);
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw new BadInputException("Digest '" + value + "' uses algorithm '" + algorithm
                    + "'; expected sha256 or sha512");
        };
        if (!HEX.matcher(hex).matches()) {
            throw new BadInputException("Digest '" + value + "' must be lower-case hex after '" + algorithm + ":'");
        }
        if (hex.length() != expected) {
            throw new BadInputException("Digest '" + value + "' has " + hex.length() + " hex characters; "
                    + algorithm + " needs " + expected);
        }
        return new Digest(algorithm, hex);
    }

    /**
     * Whether a value that names an image by digest or by reference is meant as a digest: {@code sha256:12ab} is a
     * mistyped digest, to be refused with {@link #parse}'s message, not an image named sha256 on Docker Hub.
     */
    public static boolean meantAsDigest(String value) {
        return value != null && (value.startsWith("sha256:") || value.startsWith("sha512:"));
    }

    public static boolean isDigest(String value) {
        try {
            parse(value);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    /** The sha256 digest of the given bytes. */
    public static Digest sha256(byte[] content) {
        try {
            return new Digest("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static Digest sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    public static Digest ofHex(String algorithm, String hex) {
        return parse(algorithm + ":" + hex);
    }

    public String algorithm() {
        return algorithm;
    }

    public String hex() {
        return hex;
    }

    /** The first twelve hex characters, as docker shows image ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && d.algorithm.equals(algorithm) && d.hex.equals(hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
