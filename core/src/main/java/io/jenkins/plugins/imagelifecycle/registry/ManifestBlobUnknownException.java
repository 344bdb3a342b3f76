package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;

/** A registry refused a manifest because a blob it names is not in the repository (MANIFEST_BLOB_UNKNOWN, HTTP 400). */
public final class ManifestBlobUnknownException extends OperationFailedException {
    public ManifestBlobUnknownException(String message) {
        super(message);
    }
}
