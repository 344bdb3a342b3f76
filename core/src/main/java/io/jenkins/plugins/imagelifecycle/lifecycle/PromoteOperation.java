package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.registry.ImageCopier;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.ImageSignatures;
import io.jenkins.plugins.imagelifecycle.signing.KeySources;
import io.jenkins.plugins.imagelifecycle.signing.SignatureVerification;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.signing.TrustedKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Promotes the tested digest, unchanged, into an environment: gates, then a registry-to-registry copy
 * by digest (with the image's attestations), then one catalog transaction. A failure before the
 * transaction leaves the catalog as it was; running again completes the copy.
 */
public final class PromoteOperation {
    public static final String ACTION = "promote";
    public static final String ROLLBACK_ACTION = "rollback";
    private final Catalog catalog;
    private final LifecycleConfig config;
    private final RegistryClient registry;
    private final Clock clock;
    private final SigningKey signingKey;
    private final Countersigners countersigners;
    private PlacementVerifier verifier;

    /** An environment's own key, where it has one: the countersignature of every copy promoted there. */
    public interface Countersigners {
        Countersigners NONE = env -> Optional.empty();

        Optional<SigningKey> of(Environment env);
    }

    public PromoteOperation(Catalog catalog, LifecycleConfig config, RegistryClient registry, Clock clock) {
        this(catalog, config, registry, clock, Optional.empty());
    }

    /** @param signingKey signs each promoted copy for its new repository (verifiers check the repository an image is in) */
    public PromoteOperation(Catalog catalog, LifecycleConfig config, RegistryClient registry, Clock clock, Optional<SigningKey> signingKey) {
        this(catalog, config, registry, clock, signingKey, Countersigners.NONE);
    }

    public PromoteOperation(Catalog catalog, LifecycleConfig config, RegistryClient registry, Clock clock, Optional<SigningKey> signingKey,
                            Countersigners countersigners) {
        this.countersigners = countersigners;
        this.catalog = catalog;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.signingKey = signingKey.orElse(null);
    }

    /**
     * This operation, verifying each placement with {@code verifier} before it returns. Without one, a
     * placement in an environment with {@code verify} stays {@code verifying} (not eligible downstream) until
     * a {@code reverify} runs it: how {@code wait: false} leaves it to another job.
     */
    public PromoteOperation verifyingWith(PlacementVerifier verifier) {
        this.verifier = verifier;
        return this;
    }

    /**
     * The gates {@link #promote} checks, all but the approval itself: a front end that asks a person to approve runs them
     * first, so no one is asked to approve an image that could not enter. Refuses as {@code promote} would.
     */
    public ImageRecord checkBeforeApproval(PromoteRequest request) {
        Environment env = config.environment(request.environment());
        ImageRecord image = catalog.require(request.image());
        PromotionGates.check(catalog, config, image, env, request.approvedBy("approval pending"), clock.instant(),
                new PrintStream(java.io.OutputStream.nullOutputStream()));
        return image;
    }

    public PromotionResult promote(PromoteRequest request, String actor, PrintStream log) {
        Environment env = config.environment(request.environment());
        ImageRecord found = catalog.require(request.image());
        // One promotion at a time per environment and family, in every process on the catalog (controllers sharing
        // PostgreSQL, CLI runs sharing an embedded catalog): otherwise two copies race on the same target tag, and the
        // tag may end on another digest than the catalog's pointer (two controllers did, TwoControllersPromotingIT).
        // The catalog's pointer alone would lose no update without it (see Catalog.place).
        return catalog.exclusively("promotion " + env.name() + " " + found.repository(), () -> {
            // read again under the lock: the stage may have changed while we waited
            ImageRecord image = catalog.require(found.digest());
            List<String> waived = PromotionGates.check(catalog, config, image, env, request, clock.instant(), log);
            if (env.verify() != null && verifier != null) {
                // spec files that cannot run are bad input: refused before anything is copied
                verifier.prepare(env);
            }
            return promoteChecked(request, actor, env, image, waived, log);
        });
    }

    private PromotionResult promoteChecked(PromoteRequest request, String actor, Environment env, ImageRecord image,
                                           List<String> waived, PrintStream log) {
        if (image.role() == Role.HOST) {
            return promoteHost(request, actor, env, image, waived, log);
        }
        ImageRef source = ImageRef.parse(image.displayRef()).withoutDigest();
        ImageRef target = env.targetFor(source);
        Digest digest = Digest.parse(image.digest());
        ImageRef from = ImageRef.parse(image.repository());
        ImageSignatures imageSignatures = new ImageSignatures(registry);
        AttestationStore attestationStore = new AttestationStore(registry);
        // earlier promotions of this digest are repositories that hold all its blobs: mount sources on their registry
        List<ImageRef> copies = catalog.placements(image.digest()).stream().map(p -> ImageRef.parse(p.targetRef())).toList();
        ImageCopier copier = new ImageCopier(registry, log, copies);
        // reads that do not depend on each other go out together: what the target tag holds, where the source tag points
        // now, the image's signatures (read once, before anything is copied) and its attestations
        var targetHolds = copier.start(() -> standsAt(target, digest));
        var tagMoved = copier.start(() -> tagMovedNote(source, digest));
        var signaturesRead = copier.start(() -> imageSignatures.list(from, digest));
        var attestationsListed = copier.start(() -> attestationStore.list(from, digest));
        // and the manifests to copy, fetched while the gates decide (reads only: a refusal copies nothing)
        copier.prefetch(from, digest);
        attestationsListed.thenAccept(listed -> listed.forEach(a -> copier.prefetch(from, a.digest())));
        Optional<String> current = catalog.current(env.name(), image.repository());
        boolean cutOff = copier.await(targetHolds);
        if (current.filter(image.digest()::equals).isPresent() && cutOff) {
            log.println(image.displayRef() + " (" + digest + ") is already in " + env.name() + " as " + target);
            return new PromotionResult(image.digest(), env.name(), target.toString(), true, null, 0);
        }
        copier.await(tagMoved).ifPresent(log::println);
        if (cutOff) {
            // an earlier promotion copied and was stopped (killed, or its catalog failed) before its record
            log.println(target + " already holds " + digest + " but the catalog has no record of it there (placed in the"
                    + " registry, not recorded): completing that promotion");
        }

        SigningOperation signing = new SigningOperation(catalog, registry, clock);
        // read once, before anything is copied: verified by the gate here, copied with the image below
        List<ImageSignatures.Stored> sourceSignatures = copier.await(signaturesRead);
        SignatureVerification.Result verified = verifySignatures(env, image, from, digest, sourceSignatures);
        // read before anything is copied: a countersigning key that cannot be read is bad input, not a half promotion
        Optional<SigningKey> countersign = countersigners.of(env);
        log.println("Promoting " + from.name() + "@" + digest + " to " + target + " (" + env.name() + ")");
        // the attestations' manifests and blobs are copied beside the image's; each is put after the image
        var imageCopied = copier.copyAsync(from, digest, target);
        var attestationsCopied = attestationsListed.thenCompose(listed ->
                attestationStore.copyAllAsync(from, digest, listed, target, copier, imageCopied));
        copier.await(imageCopied);
        int attestations = copier.await(attestationsCopied);
        if (attestations > 0) {
            log.println("Copied " + attestations + " attestation(s) with the image");
        }
        int signatures = sourceSignatures.size();
        if (signatures > 0) {
            imageSignatures.append(target.withoutDigest(), digest, sourceSignatures);
            log.println("Copied " + signatures + " signature(s) with the image");
        }
        if (signingKey != null) {
            signing.sign(image, target, signingKey, actor, log);
        }
        countersign.ifPresent(key -> signing.sign(image, target, key, actor, log));

        var details = Json.object().put("environment", env.name()).put("source", from.name() + "@" + digest)
                .put("target", target.toString()).put("approver", request.approver()).put("approval", request.approval()).put("waivedTests", request.waiveTests())
                .put("completedCutOffPromotion", cutOff);
        details.set("waivedFindings", Json.MAPPER.valueToTree(waived));
        details.put("signaturesCopied", signatures);
        if (verified != null) {
            // the keys the environment trusted at this promotion: a key added or retired shows in the next record
            details.set("trustedKeys", Json.MAPPER.valueToTree(verified.trustedKeyIds()));
            details.set("signatureVerifiedBy", Json.MAPPER.valueToTree(verified.signatures().stream()
                    .filter(SignatureVerification.Checked::valid).map(SignatureVerification.Checked::keyId).distinct().toList()));
        }
        String reason = (request.rollback() ? "rolled back in " : "promoted to ") + env.name()
                + (request.waiveTests() == null ? "" : " (tests waived: " + request.waiveTests() + ")")
                + (waived.isEmpty() ? "" : " (findings waived: " + String.join("; ", waived) + ")");
        Placement placed = place(request, actor, env, image, target.toString(), reason, details);
        log.println((request.rollback() ? "Rolled back " : "Promoted ") + digest + (request.rollback() ? " in " : " to ") + env.name()
                + (placed.previous() == null ? "" : "; before: " + placed.previous()));
        return verify(placed, env, image, actor, log,
                new PromotionResult(image.digest(), env.name(), target.toString(), false, placed.previous(), attestations));
    }

    /** One transaction: the placement, its event and, where the environment verifies, its first state {@code verifying}. */
    private Placement place(PromoteRequest request, String actor, Environment env, ImageRecord image, String targetRef, String reason,
                            com.fasterxml.jackson.databind.node.ObjectNode details) {
        details.put("kind", request.rollback() ? Placement.ROLLBACK : Placement.PROMOTION);
        Placement placement = new Placement(0, env.name(), image.repository(), image.digest(), targetRef, Instant.now(clock), actor,
                request.approver(), null, request.waiveTests(), request.rollback() ? Placement.ROLLBACK : Placement.PROMOTION,
                request.approval());
        LifecycleEvent event = LifecycleEvent.of(actor, request.rollback() ? ROLLBACK_ACTION : ACTION, image.digest(), targetRef,
                image.stage(), image.stage(), reason, Json.write(details));
        if (env.verify() == null) {
            return catalog.place(placement, event);
        }
        return catalog.place(placement, event, PlacementVerifications.verifying(clock, actor),
                PlacementVerifications.verifyingEvent(image, env, targetRef, actor));
    }

    private PromotionResult verify(Placement placed, Environment env, ImageRecord image, String actor, PrintStream log, PromotionResult result) {
        if (env.verify() == null) {
            return result;
        }
        if (verifier == null) {
            log.println("Verification in " + env.name() + " is left to run later (reverify --env " + env.name() + "); until it passes, "
                    + image.displayRef() + " is not eligible for the next environment");
            return result.withVerification(catalog.verifications(List.of(placed.id())).get(placed.id()));
        }
        return result.withVerification(new PlacementVerifications(catalog, registry, clock, signingKey)
                .run(placed, env, image, verifier, actor, log));
    }

    /**
     * A host image is not in a registry: its artifact (an AMI, a file, a local image id) stays where
     * Packer put it, and promotion records that this artifact id now stands in the environment.
     */
    private PromotionResult promoteHost(PromoteRequest request, String actor, Environment env, ImageRecord image, List<String> waived,
                                        PrintStream log) {
        if (catalog.current(env.name(), image.repository()).filter(image.digest()::equals).isPresent()) {
            log.println(image.displayRef() + " is already in " + env.name());
            return new PromotionResult(image.digest(), env.name(), image.displayRef(), true, null, 0);
        }
        var details = Json.object().put("environment", env.name()).put("artifact", image.displayRef())
                .put("approver", request.approver()).put("approval", request.approval()).put("waivedTests", request.waiveTests());
        details.set("waivedFindings", Json.MAPPER.valueToTree(waived));
        Placement placed = place(request, actor, env, image, image.displayRef(),
                "host image " + (request.rollback() ? "rolled back in " : "promoted to ") + env.name(), details);
        log.println("Host image " + image.displayRef() + " now stands in " + env.name());
        return verify(placed, env, image, actor, log,
                new PromotionResult(image.digest(), env.name(), image.displayRef(), false, placed.previous(), 0));
    }

    /**
     * The signature gate: an environment with trusted keys takes only an image that one of them signed for
     * the repository it is copied from. Refused before anything is copied.
     *
     * @return the verification, or null when the environment trusts no key
     */
    private static SignatureVerification.Result verifySignatures(Environment env, ImageRecord image, ImageRef from, Digest digest,
                                                                 List<ImageSignatures.Stored> signatures) {
        List<TrustedKey> trusted = KeySources.trusted(env.trustedKeys());
        if (trusted.isEmpty()) {
            return null;
        }
        SignatureVerification.Result result = SignatureVerification.verify(signatures, from, digest, trusted);
        if (!result.trusted()) {
            throw new GateRefusedException("Image " + image.displayRef() + " (" + digest + ") has no valid signature by a key " + env.name()
                    + " trusts: " + result.summary());
        }
        return result;
    }

    private boolean standsAt(ImageRef target, Digest digest) {
        try {
            return registry.resolve(target).equals(digest);
        } catch (LifecycleException e) {
            return false;
        }
    }

    /** A note for the log when the source tag no longer points at the recorded digest, or cannot be read. */
    private Optional<String> tagMovedNote(ImageRef source, Digest recorded) {
        try {
            Digest now = registry.resolve(source);
            return now.equals(recorded) ? Optional.empty()
                    : Optional.of("Note: " + source + " now points to " + now + "; promoting the recorded and tested " + recorded);
        } catch (LifecycleException e) {
            return Optional.of("Note: " + source + " cannot be resolved now (" + e.getMessage() + "); promoting the recorded " + recorded);
        }
    }
}
