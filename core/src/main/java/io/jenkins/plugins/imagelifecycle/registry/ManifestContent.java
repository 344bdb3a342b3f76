package io.jenkins.plugins.imagelifecycle.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a manifest refers to: its blobs (config and layers) or, for an index, its child manifests. */
public final class ManifestContent {
    private ManifestContent() {
    }

    public static String mediaType(Manifest manifest) {
        JsonNode json = json(manifest);
        String declared = json.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        if (!manifest.mediaType().isEmpty()) {
            return manifest.mediaType();
        }
        return json.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    public static boolean isIndex(Manifest manifest) {
        return MediaTypes.isIndex(mediaType(manifest)) || json(manifest).has("manifests");
    }

    /** Config and layers, in that order. */
    public static List<Descriptor> blobs(Manifest manifest) {
        JsonNode json = json(manifest);
        List<Descriptor> blobs = new ArrayList<>();
        if (json.has("config")) {
            blobs.add(descriptor(json.get("config")));
        }
        for (JsonNode layer : json.path("layers")) {
            blobs.add(descriptor(layer));
        }
        return blobs;
    }

    public static List<Descriptor> children(Manifest manifest) {
        List<Descriptor> children = new ArrayList<>();
        for (JsonNode child : json(manifest).path("manifests")) {
            children.add(descriptor(child));
        }
        return children;
    }

    static Descriptor descriptor(JsonNode node) {
        return new Descriptor(node.path("mediaType").asText(""), Digest.parse(node.path("digest").asText()), node.path("size").asLong());
    }

    private static JsonNode json(Manifest manifest) {
        try {
            return Json.read(new String(manifest.bytes(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new OperationFailedException("Manifest " + manifest.digest() + " is not JSON");
        }
    }
}
