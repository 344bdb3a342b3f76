package io.jenkins.plugins.imagelifecycle.plugin.run;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Large results of a run's image operations (provenance, test details), one file per digest and kind
 * under the run's directory, read only when someone asks: build.xml stays small however many images a
 * run makes. Names come from parsed digests only, so a URL parameter can never reach outside the directory.
 */
public final class RunFiles {
    public static final String DIR = "image-lifecycle";
    public static final String PROVENANCE = "provenance";
    public static final String TESTS = "tests";
    /** Markdown, not JSON: the release notes against the previous version of the image's family. */
    public static final String RELEASE_NOTES = "release-notes";

    private final Path dir;

    public RunFiles(Path runRootDir) {
        this.dir = runRootDir.resolve(DIR);
    }

    public void write(String digest, String kind, String json) {
        try {
            Files.createDirectories(dir);
            Files.writeString(file(Digest.parse(digest), kind), json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + kind + " of " + digest + " under " + dir, e);
        }
    }

    /** @return the stored JSON, or empty when the digest is malformed or nothing of that kind was stored */
    public Optional<String> read(String digest, String kind) {
        Digest parsed;
        try {
            parsed = Digest.parse(digest);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Path file = file(parsed, kind);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private Path file(Digest digest, String kind) {
        return dir.resolve(digest.toString().replace(':', '-') + "." + kind + (kind.equals(RELEASE_NOTES) ? ".md" : ".json"));
    }
}
