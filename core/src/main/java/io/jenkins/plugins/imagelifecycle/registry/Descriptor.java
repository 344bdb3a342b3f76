package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;

/** An OCI content descriptor: what a manifest says of a blob or a child manifest. */
public record Descriptor(String mediaType, Digest digest, long size) {
}
