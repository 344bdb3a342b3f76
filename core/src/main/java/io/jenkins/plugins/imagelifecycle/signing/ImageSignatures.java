package io.jenkins.plugins.imagelifecycle.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.registry.Manifest;
import io.jenkins.plugins.imagelifecycle.registry.MediaTypes;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Image signatures where cosign keeps them: an OCI manifest under the tag {@code sha256-<hex>.sig} in the
 * image's repository, one {@code application/vnd.dev.cosign.simplesigning.v1+json} layer per signature
 * (the payload as the blob, the base64 signature in the {@code dev.cosignproject.cosign/signature}
 * annotation), appended to those already there, as cosign and containers/image append.
 */
public final class ImageSignatures {
    public static final String SIGNATURE_ANNOTATION = "dev.cosignproject.cosign/signature";
    /** The signer's key id, for people and for messages; verification never relies on it. */
    public static final String KEY_ID_ANNOTATION = "io.jenkins.image-lifecycle/key-id";
    /** More is refused rather than read: verifying is bounded work whatever a registry holds. */
    static final int MAX_SIGNATURES = 64;
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    /** One signature as stored: untrusted until verified. */
    public record Stored(Digest layer, byte[] payload, String signature, String claimedKeyId) {
    }

    private final RegistryClient registry;

    public ImageSignatures(RegistryClient registry) {
        this.registry = registry;
    }

    public static String tag(Digest image) {
        return io.jenkins.plugins.imagelifecycle.registry.SignatureTag.of(image);
    }

    /** Signs {@code repo@image} for that repository and appends the signature to those stored there. */
    public Stored sign(ImageRef repo, Digest image, SigningKey key, String builder, Instant at) {
        byte[] payload = SimpleSigningPayload.of(repo.name(), image.toString(), builder, at);
        Stored signature = new Stored(Digest.sha256(payload), payload, Base64.getEncoder().encodeToString(key.sign(payload)), key.keyId());
        append(repo, image, List.of(signature));
        return signature;
    }

    /** The signatures stored for {@code repo@image}; none when there is no {@code .sig} manifest. */
    public List<Stored> list(ImageRef repo, Digest image) {
        JsonNode manifest = manifest(repo, image);
        List<Stored> out = new ArrayList<>();
        if (manifest == null) {
            return out;
        }
        JsonNode layers = manifest.path("layers");
        if (layers.size() > MAX_SIGNATURES) {
            throw new OperationFailedException("The signatures of " + repo.name() + "@" + image + " (tag " + tag(image) + ") are "
                    + layers.size() + " layers; at most " + MAX_SIGNATURES + " are read");
        }
        for (JsonNode layer : layers) {
            String signature = layer.path("annotations").path(SIGNATURE_ANNOTATION).asText(null);
            if (!SimpleSigningPayload.MEDIA_TYPE.equals(layer.path("mediaType").asText()) || signature == null) {
                continue;
            }
            Digest digest = Digest.parse(layer.path("digest").asText());
            if (layer.path("size").asLong() > MAX_PAYLOAD_BYTES) {
                throw new OperationFailedException("A signature payload of " + repo.name() + "@" + image + " is " + layer.path("size").asLong()
                        + " bytes; at most " + MAX_PAYLOAD_BYTES + " are read");
            }
            out.add(new Stored(digest, registry.readBlob(repo, digest), signature,
                    layer.path("annotations").path(KEY_ID_ANNOTATION).asText(null)));
        }
        return out;
    }

    /**
     * Appends signatures to those stored for {@code repo@image} (which holds the image), each once: how a
     * promotion keeps the signatures it was verified with.
     */
    public void append(ImageRef repo, Digest image, List<Stored> signatures) {
        JsonNode existing = manifest(repo, image);
        ObjectNode config = Json.object().put("architecture", "").put("os", "");
        config.putObject("config");
        ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ObjectNode manifest = Json.object().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_MANIFEST);
        ArrayNode layers = Json.MAPPER.createArrayNode();
        if (existing != null) {
            for (JsonNode layer : existing.path("layers")) {
                layers.add(layer);
                diffIds.add(layer.path("digest").asText());
            }
        }
        for (Stored s : signatures) {
            if (alreadyThere(layers, s)) {
                continue;
            }
            // no HEAD first: a new signature's payload (its timestamp) and the config (its diff_ids) are new blobs
            registry.uploadBlob(repo, s.layer(), s.payload().length, () -> new ByteArrayInputStream(s.payload()));
            ObjectNode layer = layers.addObject().put("mediaType", SimpleSigningPayload.MEDIA_TYPE).put("digest", s.layer().toString())
                    .put("size", s.payload().length);
            ObjectNode annotations = layer.putObject("annotations").put(SIGNATURE_ANNOTATION, s.signature());
            if (s.claimedKeyId() != null) {
                annotations.put(KEY_ID_ANNOTATION, s.claimedKeyId());
            }
            diffIds.add(s.layer().toString());
        }
        byte[] configBytes = Json.write(config).getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(configBytes);
        registry.uploadBlob(repo, configDigest, configBytes.length, () -> new ByteArrayInputStream(configBytes));
        manifest.putObject("config").put("mediaType", "application/vnd.oci.image.config.v1+json").put("digest", configDigest.toString())
                .put("size", configBytes.length);
        manifest.set("layers", layers);
        registry.putManifest(repo.withoutDigest(), tag(image), MediaTypes.OCI_MANIFEST, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean alreadyThere(ArrayNode layers, Stored s) {
        for (JsonNode layer : layers) {
            if (layer.path("digest").asText().equals(s.layer().toString())
                    && layer.path("annotations").path(SIGNATURE_ANNOTATION).asText().equals(s.signature())) {
                return true;
            }
        }
        return false;
    }

    private JsonNode manifest(ImageRef repo, Digest image) {
        try {
            Manifest m = registry.getManifest(repo.withoutDigest().withTag(tag(image)));
            return Json.read(new String(m.bytes(), StandardCharsets.UTF_8));
        } catch (NotFoundException none) {
            return null;
        }
    }
}
