package io.jenkins.plugins.imagelifecycle.testing;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.MediaTypes;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Images with a config and no layers, written straight through the registry API (no engine): for tests that
 * need a real manifest at a real tag, and a new digest at that tag when they "patch" it.
 */
public final class TinyImages {
    private TinyImages() {
    }

    /** Pushes a manifest unique to {@code mark} to {@code ref}'s tag; returns the digest the registry reports. */
    public static Digest push(RegistryClient client, ImageRef ref, String mark) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"comment\":\""
                + mark + "\"}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        client.uploadBlob(ref, configDigest, config.length, () -> new ByteArrayInputStream(config));
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length
                + "},\"layers\":[]}").getBytes(StandardCharsets.UTF_8);
        return client.putManifest(ref, ref.tagOrLatest(), MediaTypes.OCI_MANIFEST, manifest);
    }
}
