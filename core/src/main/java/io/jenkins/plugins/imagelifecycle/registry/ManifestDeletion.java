package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Deletes a manifest by digest ({@code DELETE /v2/<name>/manifests/<digest>}), which removes every tag
 * pointing at it in that repository. A registry that does not allow deletion (distribution answers
 * 405 UNSUPPORTED unless {@code storage.delete.enabled}) is reported as an outcome, not thrown.
 */
public final class ManifestDeletion {
    /** What happened to one manifest. */
    public enum Result { DELETED, ALREADY_ABSENT, UNSUPPORTED, FAILED }

    /** The outcome for one reference, with a message a person can act on. */
    public record Outcome(String ref, Result result, String message) implements java.io.Serializable {
    }

    private final RegistryClient client;

    public ManifestDeletion(RegistryClient client) {
        this.client = client;
    }

    /**
     * The cosign signatures of a deleted image ({@code sha256-<hex>.sig} in its repository), when there are
     * any: left behind, they would sign a digest that is gone.
     *
     * @param ref the image, pinned by digest
     */
    public java.util.Optional<Outcome> deleteSignatures(ImageRef ref) {
        Digest digest = ref.digest().orElseThrow(() -> new IllegalArgumentException("not pinned by digest: " + ref));
        ImageRef repository = ImageRef.parse(ref.name());
        Digest signatures;
        try {
            signatures = client.resolve(repository.withTag(SignatureTag.of(digest)));
        } catch (NotFoundException none) {
            return java.util.Optional.empty();
        } catch (OperationFailedException | UnavailableException e) {
            return java.util.Optional.of(new Outcome(repository.withTag(SignatureTag.of(digest)).toString(), Result.FAILED, e.getMessage()));
        }
        return java.util.Optional.of(delete(repository.withDigest(signatures)));
    }

    /** @param ref a reference pinned by digest (deleting by tag is not allowed by the distribution API) */
    public Outcome delete(ImageRef ref) {
        Digest digest = ref.digest().orElseThrow(() -> new IllegalArgumentException("not pinned by digest: " + ref));
        var request = HttpRequest.newBuilder(client.manifestUri(ref, digest.toString()))
                .method("DELETE", HttpRequest.BodyPublishers.noBody());
        try {
            client.send(ref.registry(), "repository:" + ref.repository() + ":delete", request,
                    HttpResponse.BodyHandlers.discarding(), "delete manifest " + ref);
            return new Outcome(ref.toString(), Result.DELETED, "deleted " + ref);
        } catch (NotFoundException e) {
            return new Outcome(ref.toString(), Result.ALREADY_ABSENT, ref + " was not in the registry any more");
        } catch (OperationFailedException e) {
            // RegistryClient turns every unexpected status into this exception; 405 is how distribution
            // says that deletion is disabled, which the user must fix in the registry's configuration.
            if (e.getMessage() != null && e.getMessage().contains("HTTP 405")) {
                return new Outcome(ref.toString(), Result.UNSUPPORTED, "registry " + ref.registry()
                        + " does not allow deleting manifests (HTTP 405 UNSUPPORTED; enable storage.delete); " + ref + " stays");
            }
            return new Outcome(ref.toString(), Result.FAILED, e.getMessage());
        } catch (UnavailableException e) {
            return new Outcome(ref.toString(), Result.FAILED, e.getMessage());
        }
    }
}
