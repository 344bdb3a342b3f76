package io.jenkins.plugins.imagelifecycle.fitness;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.ImageSignatures;
import io.jenkins.plugins.imagelifecycle.signing.SignatureVerification;
import io.jenkins.plugins.imagelifecycle.signing.TrustedKey;
import java.util.List;

/** The signatures of the copy as the registry holds them now, verified against the environment's keys. */
public final class RegistrySignatureCheck implements FitnessCheck.SignatureCheck {
    private final RegistryClient registry;

    public RegistrySignatureCheck(RegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public String unsignedReason(ImageRef copy, Digest digest, List<TrustedKey> trusted) {
        SignatureVerification.Result result = SignatureVerification.verify(new ImageSignatures(registry).list(copy, digest), copy, digest, trusted);
        return result.trusted() ? null : result.summary();
    }
}
