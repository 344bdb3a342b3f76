package io.jenkins.plugins.imagelifecycle.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * In-toto statements (provenance, test results) stored in the registry as OCI artifacts whose
 * {@code subject} is the image, found through the referrers API where the registry has it and the
 * {@code sha256-<hex>} fallback tag of the distribution spec where it does not (distribution 2.8).
 */
public final class AttestationStore {
    public static final String ARTIFACT_TYPE = "application/vnd.in-toto+json";
    public static final String PREDICATE_ANNOTATION = "in-toto.io/predicate-type";
    static final String EMPTY_TYPE = "application/vnd.oci.empty.v1+json";
    static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private final RegistryClient registry;

    public AttestationStore(RegistryClient registry) {
        this.registry = registry;
    }

    /** One stored statement: the artifact manifest's digest and the predicate type it carries. */
    public record Attestation(Digest digest, String predicateType, long size) {
    }

    /** Pushes {@code statement} as an artifact referring to the image {@code repo@subject}. */
    public Attestation push(ImageRef repo, Digest subject, String statement, String predicateType) {
        return push(repo, subject, statement, ARTIFACT_TYPE, predicateType);
    }

    /**
     * Pushes an attestation layer: a bare statement ({@link #ARTIFACT_TYPE}) or a signed envelope (DSSE's
     * media type); either way the artifact type is in-toto's, so one listing finds both.
     */
    public Attestation push(ImageRef repo, Digest subject, String content, String layerMediaType, String predicateType) {
        Manifest image = registry.getManifest(repo.withoutDigest().withDigest(subject));
        byte[] layer = content.getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = Digest.sha256(layer);
        Digest emptyDigest = Digest.sha256(EMPTY);
        if (!registry.hasBlob(repo, emptyDigest)) {
            registry.uploadBlob(repo, emptyDigest, EMPTY.length, () -> new ByteArrayInputStream(EMPTY));
        }
        if (!registry.hasBlob(repo, layerDigest)) {
            registry.uploadBlob(repo, layerDigest, layer.length, () -> new ByteArrayInputStream(layer));
        }
        ObjectNode manifest = Json.object();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
        manifest.put("artifactType", ARTIFACT_TYPE);
        manifest.set("config", descriptor(EMPTY_TYPE, emptyDigest, EMPTY.length));
        manifest.putArray("layers").add(descriptor(layerMediaType, layerDigest, layer.length));
        manifest.set("subject", descriptor(ManifestContent.mediaType(image), subject, image.bytes().length));
        manifest.putObject("annotations").put(PREDICATE_ANNOTATION, predicateType);
        byte[] bytes = Json.write(manifest).getBytes(StandardCharsets.UTF_8);
        Digest digest = registry.putManifest(repo, Digest.sha256(bytes).toString(), MediaTypes.OCI_MANIFEST, bytes);
        Attestation attestation = new Attestation(digest, predicateType, bytes.length);
        addToFallbackIndex(repo, subject, List.of(attestation));
        return attestation;
    }

    /** Every statement stored for {@code repo@subject}. */
    public List<Attestation> list(ImageRef repo, Digest subject) {
        JsonNode index = referrers(repo, subject);
        List<Attestation> found = new ArrayList<>();
        for (JsonNode m : index.path("manifests")) {
            if (ARTIFACT_TYPE.equals(m.path("artifactType").asText())) {
                found.add(new Attestation(Digest.parse(m.path("digest").asText()),
                        m.path("annotations").path(PREDICATE_ANNOTATION).asText(""), m.path("size").asLong()));
            }
        }
        return found;
    }

    /** The stored layer of one attestation: the statement, or the envelope that signs it. */
    public String read(ImageRef repo, Attestation attestation) {
        Manifest manifest = registry.getManifest(repo.withoutDigest().withDigest(attestation.digest()));
        Descriptor layer = ManifestContent.blobs(manifest).get(1);
        return new String(registry.readBlob(repo, layer.digest()), StandardCharsets.UTF_8);
    }

    /** Copies every statement of {@code source@subject} to {@code target}, which already holds the image. */
    public int copyAll(ImageRef source, Digest subject, ImageRef target, ImageCopier copier) {
        return copier.await(copyAllAsync(source, subject, list(source, subject), target, copier,
                java.util.concurrent.CompletableFuture.completedFuture(null)));
    }

    /**
     * Starts copying the statements {@code attestations} of {@code source@subject} (as {@link #list} found them) to
     * {@code target}: their manifests are fetched and their blobs copied beside the image's own copy, each manifest put
     * once {@code subjectCopied} has completed, and the target's fallback index read beside them and written once,
     * after them all.
     */
    public java.util.concurrent.CompletableFuture<Integer> copyAllAsync(ImageRef source, Digest subject, List<Attestation> attestations,
                                                                      ImageRef target, ImageCopier copier,
                                                                      java.util.concurrent.CompletableFuture<?> subjectCopied) {
        if (attestations.isEmpty()) {
            return java.util.concurrent.CompletableFuture.completedFuture(0);
        }
        var targetIndex = copier.start(() -> fallbackIndex(target, subject));
        var copies = attestations.stream()
                .map(a -> copier.copyManifestAsync(source, a.digest(), target, a.digest().toString(), subjectCopied))
                .toArray(java.util.concurrent.CompletableFuture[]::new);
        return java.util.concurrent.CompletableFuture.allOf(copies).thenCombine(targetIndex, (copied, index) -> {
            addToFallbackIndex(target, subject, attestations, (ObjectNode) index);
            return attestations.size();
        });
    }

    private JsonNode referrers(ImageRef repo, Digest subject) {
        try {
            return Json.read(new String(registry.getReferrers(repo, subject), StandardCharsets.UTF_8));
        } catch (NotFoundException noReferrersApi) {
            return fallbackIndex(repo, subject);
        }
    }

    private JsonNode fallbackIndex(ImageRef repo, Digest subject) {
        try {
            Manifest index = registry.getManifest(repo.withoutDigest().withTag(fallbackTag(subject)));
            return Json.read(new String(index.bytes(), StandardCharsets.UTF_8));
        } catch (NotFoundException none) {
            ObjectNode empty = Json.object().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
            empty.putArray("manifests");
            return empty;
        }
    }

    /** The referrers tag schema: an index under {@code sha256-<hex>} listing the artifacts, written once for them all. */
    private void addToFallbackIndex(ImageRef repo, Digest subject, List<Attestation> attestations) {
        if (attestations.isEmpty()) {
            return;
        }
        addToFallbackIndex(repo, subject, attestations, (ObjectNode) fallbackIndex(repo, subject));
    }

    /** @param index the fallback index as read from {@code repo} before (or the empty index when it had none) */
    private void addToFallbackIndex(ImageRef repo, Digest subject, List<Attestation> attestations, ObjectNode index) {
        ArrayNode manifests = (ArrayNode) index.get("manifests");
        java.util.Set<String> listed = new java.util.HashSet<>();
        manifests.forEach(m -> listed.add(m.path("digest").asText()));
        boolean added = false;
        for (Attestation attestation : attestations) {
            if (listed.add(attestation.digest().toString())) {
                ObjectNode entry = descriptor(MediaTypes.OCI_MANIFEST, attestation.digest(), attestation.size());
                entry.put("artifactType", ARTIFACT_TYPE);
                entry.putObject("annotations").put(PREDICATE_ANNOTATION, attestation.predicateType());
                manifests.add(entry);
                added = true;
            }
        }
        if (!added) {
            return;
        }
        byte[] bytes = Json.write(index).getBytes(StandardCharsets.UTF_8);
        registry.putManifest(repo, fallbackTag(subject), MediaTypes.OCI_INDEX, bytes);
    }

    static String fallbackTag(Digest subject) {
        return subject.algorithm() + "-" + subject.hex();
    }

    private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        return Json.object().put("mediaType", mediaType).put("digest", digest.toString()).put("size", size);
    }
}
