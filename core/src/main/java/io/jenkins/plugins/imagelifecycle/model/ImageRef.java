package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, parsed and normalised as Docker does:
 * {@code [registry[:port]/]path[/path…][:tag][@digest]}, with {@code docker.io} and
 * {@code library/} implied for short names. Anything else is refused with a message naming the bad part.
 */
public final class ImageRef implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]{1,5})?");
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s;&|`$<>\"'\\\\(){}*?!#~]");

    private final String registry;
    private final String repository;
    private final String tag;
    private final Digest digest;

    private ImageRef(String registry, String repository, String tag, Digest digest) {
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    public static ImageRef of(String registry, String repository, String tag, Digest digest) {
        return parse(registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest));
    }

    public static ImageRef parse(String reference) {
        if (reference == null || reference.isEmpty()) {
            throw new BadInputException("Image reference is empty; expected [registry/]name[:tag][@sha256:digest]");
        }
        var bad = FORBIDDEN.matcher(reference);
        if (bad.find()) {
            throw new BadInputException("Image reference '" + reference + "' contains " + describe(bad.group())
                    + "; references may hold only lower-case letters, digits, '.', '_', '-', '/', ':' and '@'");
        }
        String rest = reference;
        Digest digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = parseDigest(reference, rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String tag = null;
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            checkTag(reference, tag);
        }
        String registry = DOCKER_HUB;
        String path = rest;
        int firstSlash = rest.indexOf('/');
        if (firstSlash >= 0) {
            String first = rest.substring(0, firstSlash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || first.startsWith("[")) {
                if (!DOMAIN.matcher(first).matches()) {
                    throw new BadInputException("Registry '" + first + "' in image reference '" + reference
                            + "' is not a host name with an optional :port");
                }
                registry = first;
                path = rest.substring(firstSlash + 1);
            }
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        checkPath(reference, path);
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        return new ImageRef(registry, path, tag, digest);
    }

    private static Digest parseDigest(String reference, String value) {
        try {
            return Digest.parse(value);
        } catch (BadInputException e) {
            throw new BadInputException("Image reference '" + reference + "': " + e.getMessage());
        }
    }

    private static void checkTag(String reference, String tag) {
        if (tag.isEmpty()) {
            throw new BadInputException("Image reference '" + reference + "' has an empty tag after ':'");
        }
        if (tag.length() > 128) {
            throw new BadInputException("Tag in image reference '" + reference + "' is " + tag.length()
                    + " characters long; at most 128 are allowed");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new BadInputException("Tag '" + tag + "' in image reference '" + reference
                    + "' must start with a letter, digit or '_' and hold only letters, digits, '_', '.' and '-'");
        }
    }

    private static void checkPath(String reference, String path) {
        if (path.isEmpty()) {
            throw new BadInputException("Image reference '" + reference + "' has no repository name");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw new BadInputException("Image reference '" + reference + "' has an empty path component");
            }
            if (!component.equals(component.toLowerCase(java.util.Locale.ROOT))) {
                throw new BadInputException("Path component '" + component + "' in image reference '" + reference
                        + "' must be lower case");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new BadInputException("Path component '" + component + "' in image reference '" + reference
                        + "' must be lower-case letters and digits, separated by '.', '_', '__' or '-'");
            }
        }
        if (path.length() > 255) {
            throw new BadInputException("Repository name in image reference '" + reference + "' is over 255 characters");
        }
    }

    private static String describe(String ch) {
        return Character.isWhitespace(ch.charAt(0)) ? "whitespace" : "the character '" + ch + "'";
    }

    public String registry() {
        return registry;
    }

    /** The repository path inside the registry, e.g. {@code blessed/busybox}. */
    public String repository() {
        return repository;
    }

    public Optional<String> tag() {
        return Optional.ofNullable(tag);
    }

    public Optional<Digest> digest() {
        return Optional.ofNullable(digest);
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The tag, or {@code latest} when none is given and no digest pins the reference. */
    public String tagOrLatest() {
        return tag != null ? tag : "latest";
    }

    public ImageRef withTag(String newTag) {
        return of(registry, repository, newTag, null);
    }

    public ImageRef withDigest(Digest newDigest) {
        return new ImageRef(registry, repository, tag, Objects.requireNonNull(newDigest));
    }

    public ImageRef withoutDigest() {
        return new ImageRef(registry, repository, tag, null);
    }

    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageRef r && r.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
