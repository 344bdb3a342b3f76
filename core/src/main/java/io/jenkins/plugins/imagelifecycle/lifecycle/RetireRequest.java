package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;

/**
 * What to retire and how.
 *
 * @param image                  reference or digest of the image
 * @param reason                 why, for the record (required)
 * @param cascade                retire every descendant too; otherwise they are flagged outdated
 * @param removeFromEnvironments delete the environment copies' manifests in the registry
 * @param purge                  also delete the original pushed manifest (kept by default for traceability)
 */
public record RetireRequest(String image, String reason, boolean cascade, boolean removeFromEnvironments, boolean purge) {
    public RetireRequest {
        if (image == null || image.isBlank()) {
            throw new BadInputException("Image to retire is empty; expected a reference or sha256 digest");
        }
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("Reason for retiring " + image + " is empty; a retirement needs a reason for the record");
        }
    }
}
