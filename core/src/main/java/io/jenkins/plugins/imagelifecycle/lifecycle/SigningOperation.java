package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.ImageSignatures;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;

/**
 * Signs an image where it stands, cosign's way, and records it ({@code signed} with the key id, or
 * {@code signing-failed} with why).
 */
public final class SigningOperation {
    public static final String SIGNED = "signed";
    public static final String SIGNING_FAILED = "signing-failed";
    /** Who signs, in every payload's {@code optional.builder}. */
    public static final String BUILDER = "image-lifecycle factory";

    private final Catalog catalog;
    private final RegistryClient registry;
    private final Clock clock;

    public SigningOperation(Catalog catalog, RegistryClient registry, Clock clock) {
        this.catalog = catalog;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Signs {@code image} in {@code repository} (its build repository, or a promotion's target). A failure
     * is recorded, not thrown: the image is pushed and recorded already, and a gate that trusts the key
     * will refuse it unsigned.
     *
     * @return whether it was signed
     */
    public boolean sign(ImageRecord image, ImageRef repository, SigningKey key, String actor, PrintStream log) {
        Digest digest = Digest.parse(image.digest());
        try {
            ImageSignatures.Stored s = new ImageSignatures(registry).sign(repository.withoutDigest(), digest, key, BUILDER, Instant.now(clock));
            var details = Json.object().put("keyId", key.keyId()).put("repository", repository.name()).put("payload", s.layer().toString());
            catalog.recordEvent(LifecycleEvent.of(actor, SIGNED, image.digest(), repository.name() + "@" + digest, image.stage(),
                    image.stage(), "signed for " + repository.name() + " by key " + key.keyId(), Json.write(details)));
            log.println("Signed " + repository.name() + "@" + digest + " with key " + key.keyId());
            return true;
        } catch (LifecycleException | IllegalStateException e) {
            catalog.recordEvent(LifecycleEvent.of(actor, SIGNING_FAILED, image.digest(), repository.name() + "@" + digest, image.stage(),
                    image.stage(), "not signed for " + repository.name() + ": " + e.getMessage(), null));
            log.println("WARNING: " + repository.name() + "@" + digest + " was not signed: " + e.getMessage());
            return false;
        }
    }
}
