package io.jenkins.plugins.imagelifecycle.contents;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads the contents of an image that lives on a Docker engine only (a Packer Docker-builder artifact)
 * from a {@code docker save} stream, in one pass: each layer ({@code ID/layer.tar}, or a blob of the OCI
 * layout newer engines write) is read as it comes and recorded; the archive's {@code manifest.json}, at its
 * end, gives their order, and the recordings are applied in it. Nothing is written to disk.
 */
public final class DockerArchiveReader {
    static final String MANIFEST = "manifest.json";
    private static final int MAX_MANIFEST = 1024 * 1024;

    private DockerArchiveReader() {
    }

    /** @param imageId the engine's image id ({@code sha256:…}): the host image's identity */
    public static ImageInventory read(InputStream archive, String imageId) {
        Map<String, RecordedLayer> recorded = new HashMap<>();
        Map<String, Digest> digests = new HashMap<>();
        byte[] manifest = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.equals(MANIFEST)) {
                    manifest = small(tar, name);
                } else if (entry.isFile() && (name.endsWith("/layer.tar") || name.startsWith("blobs/"))) {
                    RecordedLayer layer = new RecordedLayer();
                    try {
                        digests.put(name, LayerReader.applyUnnamed(unclosable(tar), name, layer, InventoryReader::captured));
                        recorded.put(name, layer);
                    } catch (OperationFailedException notALayer) {
                        if (name.endsWith("/layer.tar")) {
                            throw new OperationFailedException("The archive of " + imageId + ": " + notALayer.getMessage(), notALayer);
                        }
                        // an OCI layout's blobs are also its config and manifests; only those manifest.json lists are layers
                    }
                }
            }
        } catch (IOException e) {
            throw new OperationFailedException("The archive of " + imageId + " cannot be read: " + e.getMessage(), e);
        }
        if (manifest == null) {
            throw new OperationFailedException("The archive of " + imageId + " has no " + MANIFEST + ": it is not a docker save archive");
        }
        MergedFileSystem fs = new MergedFileSystem();
        List<String> layers = new ArrayList<>();
        for (JsonNode layer : layersOf(manifest, imageId)) {
            String name = layer.asText();
            RecordedLayer recording = recorded.get(name);
            if (recording == null) {
                throw new OperationFailedException("The archive of " + imageId + " lists layer " + name + " but does not hold it");
            }
            String digest = digests.get(name).toString();
            recording.replay(fs, digest);
            layers.add(digest);
        }
        return InventoryReader.inventoryOf(imageId, imageId, fs, layers);
    }

    private static JsonNode layersOf(byte[] manifest, String imageId) {
        JsonNode json = Json.read(new String(manifest, StandardCharsets.UTF_8));
        if (!json.isArray() || json.size() != 1 || !json.get(0).path("Layers").isArray()) {
            throw new OperationFailedException("The archive of " + imageId + " has a " + MANIFEST + " that does not list one image's layers");
        }
        return json.get(0).path("Layers");
    }

    private static byte[] small(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_MANIFEST) {
                throw new IOException(name + " is larger than " + MAX_MANIFEST + " bytes");
            }
        }
        return out.toByteArray();
    }

    /** The current entry's bytes, left open for the next entry when the layer reader closes its streams. */
    private static InputStream unclosable(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // the archive goes on after this entry
            }
        };
    }
}
