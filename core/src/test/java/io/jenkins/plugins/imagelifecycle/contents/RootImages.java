package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Images made of a folder a real tool filled (debootstrap, rpm), pushed as one plain tar layer; and the tools' runs. */
final class RootImages {
    private RootImages() {
    }

    /** Tars {@code root} (numeric owners, as an image layer) beside it, pushes it as one layer; returns {@code repo@digest}. */
    static ImageRef pushRoot(RegistryClient registry, ImageRef repo, Path root) throws Exception {
        Path tar = root.resolveSibling(root.getFileName() + ".tar");
        run(List.of("tar", "-C", root.toString(), "--numeric-owner", "-cf", tar.toString(), "."), 5);
        try {
            Digest layer = sha256(tar);
            registry.uploadBlob(repo, layer, Files.size(tar), () -> open(tar));
            return LayeredImages.pushManifest(registry, repo, List.of(new LayeredImages.Uploaded(LayeredImages.TAR, layer,
                    Files.size(tar))));
        } finally {
            Files.delete(tar);
        }
    }

    /** Runs a command to its end, asserting it succeeds; returns its output (standard error included). */
    static String run(List<String> command, int minutes) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(minutes, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
        return text;
    }

    /** Runs a command to its end, asserting it succeeds; returns its standard output alone (warnings on standard error dropped). */
    static String output(List<String> command, int minutes) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(minutes, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Digest sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
