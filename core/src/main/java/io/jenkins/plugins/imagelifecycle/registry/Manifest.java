package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;

/** A manifest as the registry sent it: its verified digest, its media type and its exact bytes. */
public record Manifest(Digest digest, String mediaType, byte[] bytes) {
}
