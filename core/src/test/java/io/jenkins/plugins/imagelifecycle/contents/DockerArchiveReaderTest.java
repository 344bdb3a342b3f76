package io.jenkins.plugins.imagelifecycle.contents;

import static io.jenkins.plugins.imagelifecycle.contents.LayeredImages.Entry.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code docker save} archives, written here entry by entry: a real engine's is read in HostBuildIT. An
 * archive holds its layers in the order of their folder names, and says their order only at its end.
 */
class DockerArchiveReaderTest {
    private static final String IMAGE = "sha256:" + "ab".repeat(32);

    @Test
    void layersAreAppliedInTheManifestsOrderNotTheArchives() throws IOException {
        byte[] lower = LayeredImages.tar(file("etc/os-release", "ID=debian\nVERSION_ID=12\n"), file("tmp/scratch", "x"),
                file("var/lib/dpkg/status", "Package: old\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n"));
        byte[] upper = LayeredImages.tar(file("tmp/.wh.scratch", ""),
                file("var/lib/dpkg/status", "Package: new\nStatus: install ok installed\nVersion: 2\nArchitecture: all\n"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        // the upper layer's folder sorts first, as a hash may
        entries.put("0aaa/layer.tar", upper);
        entries.put("ffff/layer.tar", lower);
        entries.put("manifest.json", "[{\"Config\":\"cfg.json\",\"Layers\":[\"ffff/layer.tar\",\"0aaa/layer.tar\"]}]"
                .getBytes(StandardCharsets.UTF_8));

        ImageInventory inventory = DockerArchiveReader.read(new ByteArrayInputStream(archive(entries)), IMAGE);

        assertThat(inventory.digest()).isEqualTo(IMAGE);
        assertThat(inventory.layers()).containsExactly(Digest.sha256(lower).toString(), Digest.sha256(upper).toString());
        assertThat(inventory.files()).extracting(FileEntry::path).doesNotContain("tmp/scratch");
        assertThat(inventory.packages()).extracting(InstalledPackage::name).containsExactly("new");
        assertThat(inventory.os().id()).isEqualTo("debian");
        assertThat(inventory.files()).filteredOn(f -> f.path().equals("var/lib/dpkg/status")).singleElement()
                .satisfies(f -> assertThat(f.layer()).isEqualTo(Digest.sha256(upper).toString()));
    }

    @Test
    void anArchiveWithoutItsManifestOrWithoutAListedLayerIsRefused() throws IOException {
        Map<String, byte[]> noManifest = Map.of("0aaa/layer.tar", LayeredImages.tar(file("a", "b")));
        assertThatThrownBy(() -> DockerArchiveReader.read(new ByteArrayInputStream(archive(noManifest)), IMAGE))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("has no manifest.json");

        Map<String, byte[]> missing = new LinkedHashMap<>();
        missing.put("manifest.json", "[{\"Layers\":[\"1111/layer.tar\"]}]".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DockerArchiveReader.read(new ByteArrayInputStream(archive(missing)), IMAGE))
                .hasMessageContaining("lists layer 1111/layer.tar but does not hold it");
    }

    private static byte[] archive(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry t = new TarArchiveEntry(e.getKey());
                t.setSize(e.getValue().length);
                tar.putArchiveEntry(t);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
