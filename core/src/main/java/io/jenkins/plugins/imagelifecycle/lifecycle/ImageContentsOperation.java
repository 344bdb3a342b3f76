package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.DockerArchiveReader;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.docker.DockerEngine;
import io.jenkins.plugins.imagelifecycle.contents.InventoryReader;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.sbom.SbomFormat;
import io.jenkins.plugins.imagelifecycle.sbom.SbomStatement;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.ToolVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a catalog image's contents from its registry, stores its CycloneDX SBOM beside it as an
 * attestation, and records both — or records why either could not be done (an event with the reason:
 * never a silent gap). Runs after every push, and on demand for images recorded before contents were read.
 * The reading needs only the registry and the recording only the catalog, so a Jenkins agent can read
 * while the controller records.
 */
public final class ImageContentsOperation {
    public static final String ACTION = "contents";
    public static final String FAILED = "contents-failed";
    public static final String SBOM = "sbom";
    public static final String SBOM_FAILED = "sbom-failed";
    static final String NOT_READABLE = "contents not readable for this artifact type";

    /**
     * What reading found: the inventory or why there is none, and the SBOM attestation beside the image
     * (its digest; {@code sbomStored} when this reading stored it rather than found it there) or why there is none.
     */
    public record Reading(ImageInventory inventory, String failure, String sbom, boolean sbomStored, String sbomFailure, Instant at)
            implements Serializable {
    }

    private final Catalog catalog;
    private final RegistryClient registry;
    private final Clock clock;
    private final SigningKey signingKey;

    public ImageContentsOperation(Catalog catalog, RegistryClient registry, Clock clock) {
        this(catalog, registry, clock, Optional.empty());
    }

    /** @param signingKey signs the SBOM statement in a DSSE envelope */
    public ImageContentsOperation(Catalog catalog, RegistryClient registry, Clock clock, Optional<SigningKey> signingKey) {
        this.catalog = catalog;
        this.registry = registry;
        this.clock = clock;
        this.signingKey = signingKey.orElse(null);
    }

    /** Reads and records; a failure to read is recorded and rethrown. */
    public ImageInventory read(ImageRecord image, String actor, PrintStream log) {
        if (image.role() == Role.HOST) {
            // a host image is read where it is built, from the engine that holds it; a later reading has no registry to read
            Optional<ImageInventory> known = new ContentsStore(catalog).inventory(image.digest());
            if (known.isPresent()) {
                log.println("Contents of " + image.displayRef() + ": as read when it was built");
                return known.get();
            }
        }
        return record(image, readAndAttest(registry, image, Instant.now(clock), signingKey), actor, log);
    }

    /** After a push: the build does not fail when the contents cannot be read; the failure is on record. */
    public Optional<ImageInventory> readAfterPush(ImageRecord image, String actor, PrintStream log) {
        try {
            return Optional.of(read(image, actor, log));
        } catch (LifecycleException e) {
            log.println("Contents of " + image.displayRef() + " not read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The reading alone, with no catalog: the inventory from the registry, then the SBOM attestation
     * beside the image unless one is there already (a second reading attests nothing new).
     */
    public static Reading readAndAttest(RegistryClient registry, ImageRecord image, Instant at) {
        return readAndAttest(registry, image, at, null);
    }

    /** @param key signs the SBOM statement in a DSSE envelope; null: stored bare */
    public static Reading readAndAttest(RegistryClient registry, ImageRecord image, Instant at, SigningKey key) {
        return attestSbom(registry, image, readInventory(registry, image, at), key);
    }

    /** The inventory alone, from the registry: no SBOM stored (the caller signs and stores it, where the key is). */
    public static Reading readInventory(RegistryClient registry, ImageRecord image, Instant at) {
        if (image.role() == Role.HOST) {
            String reason = NOT_READABLE + " (" + image.displayRef() + " is a host image, read only when it is built)";
            return new Reading(null, reason, null, false, null, at);
        }
        try {
            ImageRef repo = ImageRef.parse(image.repository());
            return new Reading(new InventoryReader(registry).read(repo.withDigest(Digest.parse(image.digest()))), null, null, false, null, at);
        } catch (LifecycleException | IllegalArgumentException e) {
            return new Reading(null, e.getMessage(), null, false, null, at);
        }
    }

    /**
     * The SBOM attestation beside the image, for a reading that found an inventory, unless one is there
     * already (a second reading attests nothing new); signed in a DSSE envelope when there is a key.
     */
    public static Reading attestSbom(RegistryClient registry, ImageRecord image, Reading reading, SigningKey key) {
        if (reading.inventory() == null) {
            return reading;
        }
        ImageInventory inventory = reading.inventory();
        Instant at = reading.at();
        ImageRef repo = ImageRef.parse(image.repository());
        try {
            AttestationStore store = new AttestationStore(registry);
            Digest subject = Digest.parse(image.digest());
            Optional<AttestationStore.Attestation> stored = store.list(repo, subject).stream()
                    .filter(a -> a.predicateType().equals(SbomFormat.CYCLONEDX.predicateType())).findFirst();
            AttestationStore.Attestation sbom = stored.isPresent() ? stored.get() : BuildAttestations.push(registry, repo, subject,
                    SbomStatement.of(image.repository(), inventory, SbomFormat.CYCLONEDX, ToolVersion.current(), at),
                    SbomFormat.CYCLONEDX.predicateType(), key);
            return new Reading(inventory, null, sbom.digest().toString(), stored.isEmpty(), null, at);
        } catch (LifecycleException | IllegalStateException e) {
            return new Reading(inventory, null, null, false, e.getMessage(), at);
        }
    }

    /** Reads an image that lives only on a Docker engine (a Packer Docker-builder artifact) from its {@code docker save} stream. */
    public static Reading readFromEngine(DockerEngine engine, String imageId, Instant at) {
        try (InputStream archive = engine.save(imageId)) {
            return new Reading(DockerArchiveReader.read(archive, imageId), null, null, false, null, at);
        } catch (IOException | RuntimeException e) {
            return new Reading(null, "the Docker engine's copy of " + imageId + " cannot be read: " + e.getMessage(), null, false, null, at);
        }
    }

    /** A host image whose artifact is no image (a VM disk, a cloud image id): nothing to read, and the reason on record. */
    public static Reading notReadable(String what, Instant at) {
        return new Reading(null, NOT_READABLE + " (" + what + ")", null, false, null, at);
    }

    /** Records a reading with its events; when the contents could not be read, records that and throws. */
    public ImageInventory record(ImageRecord image, Reading reading, String actor, PrintStream log) {
        ContentsStore store = new ContentsStore(catalog);
        if (reading.inventory() == null) {
            store.recordFailure(image.digest(), reading.failure(), reading.at(), event(image, actor, FAILED, reading.failure(), null));
            throw new OperationFailedException("The contents of " + image.displayRef() + " are not readable: " + reading.failure());
        }
        ImageInventory inventory = reading.inventory();
        String summary = (inventory.os().prettyName() == null ? inventory.os().id() : inventory.os().prettyName()) + ": "
                + inventory.packages().size() + " package(s), " + inventory.fileCount() + " file(s) in "
                + inventory.layers().size() + " layer(s)";
        var details = Json.object().put("os", inventory.os().id()).put("osVersion", inventory.os().versionId())
                .put("packages", inventory.packages().size()).put("files", inventory.fileCount());
        store.record(inventory, reading.at(), event(image, actor, ACTION, summary, Json.write(details)));
        log.println("Contents of " + image.displayRef() + ": " + summary);
        // a new image's packages against the advisories already known
        new AdvisoryOperation(catalog, clock).matchImage(image, actor);
        if (reading.sbom() == null && reading.sbomFailure() == null) {
            return inventory; // a host image: no registry to store an SBOM beside it
        }
        if (reading.sbom() != null && !reading.sbomStored()) {
            log.println("SBOM (CycloneDX) already beside " + image.repository() + "@" + image.digest() + " as " + reading.sbom());
        } else if (reading.sbom() != null) {
            catalog.recordEvent(event(image, actor, SBOM, "CycloneDX SBOM stored beside the image as " + reading.sbom(),
                    Json.write(Json.object().put("attestation", reading.sbom()).put("predicateType", SbomFormat.CYCLONEDX.predicateType()))));
            log.println("SBOM (CycloneDX) stored beside " + image.repository() + "@" + image.digest() + " as " + reading.sbom());
        } else {
            catalog.recordEvent(event(image, actor, SBOM_FAILED, "SBOM not stored: " + reading.sbomFailure(), null));
            log.println("SBOM of " + image.displayRef() + " not stored: " + reading.sbomFailure());
        }
        return inventory;
    }

    private static LifecycleEvent event(ImageRecord image, String actor, String action, String reason, String details) {
        return LifecycleEvent.of(actor, action, image.digest(), image.displayRef(), image.stage(), image.stage(), reason, details);
    }
}
