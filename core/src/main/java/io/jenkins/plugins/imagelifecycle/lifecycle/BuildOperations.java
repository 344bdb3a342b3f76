package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Bless and augment in one process (the CLI): check against the catalog, build and push, record.
 * The Jenkins plugin runs the same three parts, the middle one on the agent.
 */
public final class BuildOperations {
    public static final String BLESS = "bless";
    public static final String AUGMENT = "augment";

    private final Catalog catalog;
    private final ContainerBuild build;
    private final RegistryClient registry;
    private final BuildContext context;
    private final SigningKey signingKey;

    public BuildOperations(Catalog catalog, ContainerBuild build, RegistryClient registry, BuildContext context) {
        this(catalog, build, registry, context, Optional.empty());
    }

    /** @param signingKey signs every pushed image, cosign's way */
    public BuildOperations(Catalog catalog, ContainerBuild build, RegistryClient registry, BuildContext context,
                           Optional<SigningKey> signingKey) {
        this.catalog = catalog;
        this.build = build;
        this.registry = registry;
        this.context = context;
        this.signingKey = signingKey.orElse(null);
    }

    public BuiltImage bless(Path workspace, ContainerBuildRequest request, PrintStream log) {
        PreparedBuild prepared = build.prepareBless(workspace, request, log);
        return executeAndRecord(BLESS, prepared, log);
    }

    public BuiltImage augment(Path workspace, ContainerBuildRequest request, PrintStream log) {
        ParentImage parent = new ParentLookup(catalog, registry).blessedParent(request.from(), log);
        PreparedBuild prepared = build.prepareAugment(workspace, request, parent);
        return executeAndRecord(AUGMENT, prepared, log);
    }

    /**
     * Builds and pushes, records the pushed digest at once, then stores the attestations: once the
     * registry has accepted the manifest, the catalog knows the image whatever fails after. A run whose
     * attestations failed is completed by the next run of the same build, not rebuilt beside it.
     */
    private BuiltImage executeAndRecord(String action, PreparedBuild prepared, PrintStream log) {
        PendingAttestations pending = new PendingAttestations(catalog);
        var incomplete = pending.at(prepared.target());
        if (incomplete.isPresent()) {
            return complete(incomplete.get(), prepared, pending, log);
        }
        BuildRecorder recorder = new BuildRecorder(catalog);
        BuiltImage built;
        try {
            built = build.execute(prepared, context, log);
        } catch (BuildAttemptFailedException e) {
            recorder.recordFailedAttempt(action, e.target(), e.getMessage(), context,
                    e instanceof TestsFailedException t ? t : null);
            throw e;
        }
        ImageRecord recorded = recorder.recordBuilt(action, built, context);
        try {
            build.attest(built, signingKey, log);
        } catch (LifecycleException e) {
            pending.recordMissing(recorded, built.pushedRef(), e.getMessage(), context);
            throw new OperationFailedException(built.pushedRef() + " was pushed as " + recorded.digest()
                    + " and recorded, but its attestations were not stored (" + e.getMessage()
                    + "); run the same " + action + " again to store them");
        }
        new ImageContentsOperation(catalog, registry, java.time.Clock.systemUTC(), Optional.ofNullable(signingKey))
                .readAfterPush(recorded, context.actor(), log);
        if (signingKey != null) {
            new SigningOperation(catalog, registry, java.time.Clock.systemUTC()).sign(recorded, ImageRef.parse(recorded.repository()),
                    signingKey, context.actor(), log);
        }
        return built;
    }

    private BuiltImage complete(ImageRecord image, PreparedBuild prepared, PendingAttestations pending, PrintStream log) {
        String ref = prepared.target().withoutDigest().toString();
        log.println(ref + " was pushed as " + image.digest() + " by an earlier run whose attestations failed: storing them"
                + " instead of building again");
        build.attest(prepared.target(), Digest.parse(image.digest()), image.provenance(),
                pending.testStatement(image), signingKey, log);
        pending.recordStored(image, ref, context);
        return new BuiltImage(catalog.require(image.digest()), ref, null, null, null, null);
    }
}
