package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InventoryReader;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads a catalog image's contents from its registry and records them, or records why they could not be
 * read (an event with the reason: never a silent gap). Runs after every push, and on demand for images
 * recorded before contents were read.
 */
public final class ImageContentsOperation {
    public static final String ACTION = "contents";
    public static final String FAILED = "contents-failed";
    static final String NOT_READABLE = "contents not readable for this artifact type";

    private final Catalog catalog;
    private final RegistryClient registry;
    private final Clock clock;

    public ImageContentsOperation(Catalog catalog, RegistryClient registry, Clock clock) {
        this.catalog = catalog;
        this.registry = registry;
        this.clock = clock;
    }

    /** Reads and records; a failure is recorded and rethrown. */
    public ImageInventory read(ImageRecord image, String actor, PrintStream log) {
        ContentsStore store = new ContentsStore(catalog);
        Instant now = Instant.now(clock);
        Optional<ImageRef> pinned = pinned(image);
        if (pinned.isEmpty()) {
            fail(store, image, actor, NOT_READABLE + " (" + image.displayRef() + " is not an image in a registry)", now);
            throw new OperationFailedException("The contents of " + image.displayRef() + " are not readable: " + NOT_READABLE);
        }
        ImageInventory inventory;
        try {
            inventory = new InventoryReader(registry).read(pinned.get());
        } catch (LifecycleException e) {
            fail(store, image, actor, e.getMessage(), now);
            throw e;
        }
        String summary = (inventory.os().prettyName() == null ? inventory.os().id() : inventory.os().prettyName()) + ": "
                + inventory.packages().size() + " package(s), " + inventory.fileCount() + " file(s) in "
                + inventory.layers().size() + " layer(s)";
        var details = Json.object().put("os", inventory.os().id()).put("osVersion", inventory.os().versionId())
                .put("packages", inventory.packages().size()).put("files", inventory.fileCount());
        store.record(inventory, now, LifecycleEvent.of(actor, ACTION, image.digest(), image.displayRef(), image.stage(),
                image.stage(), summary, Json.write(details)));
        log.println("Contents of " + image.displayRef() + ": " + summary);
        return inventory;
    }

    /** After a push: the build does not fail when the contents cannot be read; the failure is on record. */
    public void readAfterPush(ImageRecord image, String actor, PrintStream log) {
        try {
            read(image, actor, log);
        } catch (LifecycleException e) {
            log.println("Contents of " + image.displayRef() + " not read: " + e.getMessage());
        }
    }

    private void fail(ContentsStore store, ImageRecord image, String actor, String reason, Instant now) {
        store.recordFailure(image.digest(), reason, now, LifecycleEvent.of(actor, FAILED, image.digest(), image.displayRef(),
                image.stage(), image.stage(), reason, null));
    }

    /** A container image by its registry digest; a host image's artifact is no registry image. */
    private static Optional<ImageRef> pinned(ImageRecord image) {
        if (image.role() == Role.HOST) {
            return Optional.empty();
        }
        return Optional.of(ImageRef.parse(image.repository() + "@" + image.digest()));
    }
}
