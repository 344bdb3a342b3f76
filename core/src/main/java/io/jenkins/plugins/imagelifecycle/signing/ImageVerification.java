package io.jenkins.plugins.imagelifecycle.signing;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.util.List;

/**
 * Everything that proves an image in its repository, checked against trusted keys: its signatures and its
 * attestations' envelopes. The CLI's {@code verify} and the {@code verifyImage} step both read it.
 *
 * @param repository the repository the image is in
 */
public record ImageVerification(ImageRef repository, Digest digest, SignatureVerification.Result signatures,
                                List<AttestationVerification.Checked> attestations) {

    /** @param ref {@code repository@sha256:…}, or a tag, resolved now */
    public static ImageVerification of(RegistryClient registry, ImageRef ref, List<TrustedKey> trusted) {
        Digest digest = ref.digest().orElseGet(() -> registry.resolve(ref));
        ImageRef repository = ref.withoutDigest();
        return new ImageVerification(repository, digest,
                SignatureVerification.verify(new ImageSignatures(registry).list(repository, digest), repository, digest, trusted),
                AttestationVerification.verify(new AttestationStore(registry), repository, digest, trusted));
    }

    /** The predicate types among {@code required} without a validly signed attestation. */
    public List<String> missing(List<String> required) {
        return required.stream().filter(type -> attestations.stream().noneMatch(a -> a.valid() && a.predicateType().equals(type))).toList();
    }

    /** A valid signature by a trusted key, and a valid envelope for each required attestation. */
    public boolean verified(List<String> required) {
        return signatures.trusted() && missing(required).isEmpty();
    }

    public String image() {
        return repository.name() + "@" + digest;
    }
}
