package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.registry.ImageCopier;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion stopped between its copy and its record (kill -9 of the CLI once it has copied): the target
 * tag holds the digest, the catalog does not; the next promotion finds that and completes it.
 */
@Tag("integration")
class KilledPromotionIT {
    @TempDir
    Path workspace;
    @TempDir
    Path catalog;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private String digest;
    private String family;

    @BeforeEach
    void augmented() {
        Workspaces.standard(workspace);
        ImageRef base = RealDocker.busyboxBase("upstream/busybox-killed:1", "killed");
        String registry = RealDocker.registry().host();
        CliRun blessed = CliRun.of("bless", "--json", "--catalog", catalog.toString(), "--workspace", workspace.toString(),
                "--base", base.withoutDigest().toString(), "--dockerfile", "blessed/Dockerfile", "--context", "blessed",
                "--target", registry + "/blessed/killed-" + unique + ":1");
        assertThat(blessed.exitCode()).as(blessed.err()).isZero();
        digest = Json.read(blessed.out()).path("digest").asText();
        family = registry + "/blessed/killed-" + unique;
    }

    @Test
    void aPromotionKilledAfterItsCopyIsCompletedByTheNextOne() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ImageLifecycleCli.class.getName(), "promote", "--catalog",
                catalog.toString(), "--image", digest, "--to", "dev", "--waive-tests", "kill test"));
        Process promote = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(promote.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        boolean copied = false;
        while ((line = err.readLine()) != null) {
            // the attestations are the copy's last part; the catalog transaction comes next
            if (line.startsWith("Copied ") && line.contains("attestation")) {
                promote.destroyForcibly();
                copied = true;
                break;
            }
        }
        assertThat(copied).as("the promotion reached the end of its copy").isTrue();
        assertThat(promote.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promote.exitValue()).isEqualTo(137);

        CliRun again = CliRun.of("promote", "--catalog", catalog.toString(), "--image", digest, "--to", "dev",
                "--waive-tests", "kill test");
        assertThat(again.exitCode()).as(again.err()).isZero();
        // the kill lands before the record (the usual case) or just after it; either way one placement results
        assertThat(again.err() + again.out()).containsAnyOf("placed in the registry, not recorded", "already in dev");
        try (Catalog c = Catalog.open(catalog.toString())) {
            List<Placement> dev = c.environmentHistory("dev", family);
            assertThat(dev).singleElement().satisfies(p -> assertThat(p.digest()).isEqualTo(digest));
            assertThat(c.current("dev", family)).contains(digest);
            assertThat(RealDocker.registry().client().resolve(ImageRef.parse(dev.get(0).targetRef())))
                    .isEqualTo(Digest.parse(digest));
        }
    }

    @Test
    void aCopyWithoutARecordIsFoundAndRecordedByTheNextPromotion() {
        ImageRef source = ImageRef.parse(family);
        ImageRef target = ImageRef.parse(RealDocker.registry().host() + "/dev/blessed/killed-" + unique + ":1");
        // the state a promotion cut off between copy and record leaves behind
        new ImageCopier(RealDocker.registry().client(), RealDocker.quiet(), List.of()).copy(source, Digest.parse(digest), target);
        CliRun promote = CliRun.of("promote", "--catalog", catalog.toString(), "--image", digest, "--to", "dev",
                "--waive-tests", "cut off");
        assertThat(promote.exitCode()).as(promote.err()).isZero();
        assertThat(promote.err()).contains("placed in the registry, not recorded");
        try (Catalog c = Catalog.open(catalog.toString())) {
            assertThat(c.current("dev", family)).contains(digest);
        }
    }
}
