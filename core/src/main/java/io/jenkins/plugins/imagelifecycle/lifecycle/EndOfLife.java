package io.jenkins.plugins.imagelifecycle.lifecycle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore;
import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Deprecate and retire: the end of an image's life, recorded in the catalog and applied in the registry. */
public final class EndOfLife {
    /** The action of a purge that left a manifest in the registry (refused or failed); a later policy run tries again. */
    public static final String PURGE_FAILED_ACTION = "purge-failed";

    private final Catalog catalog;
    private final EndOfLifeStore store;
    private final ManifestDeletion deletion;
    private final EnvironmentCopies copies;
    private final String actor;
    private final Clock clock;

    public EndOfLife(Catalog catalog, ManifestDeletion deletion, EnvironmentCopies copies, String actor, Clock clock) {
        this.catalog = catalog;
        this.store = new EndOfLifeStore(catalog);
        this.deletion = deletion;
        this.copies = copies;
        this.actor = actor;
        this.clock = clock;
    }

    Catalog catalog() {
        return catalog;
    }

    String actor() {
        return actor;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Marks an image deprecated with an end-of-life date (ISO {@code yyyy-MM-dd}, today or later) and a
     * reason. It stays usable; every later use warns, and promotion is refused after the date.
     */
    public ImageRecord deprecate(String image, String eolDate, String reason, PrintStream log) {
        LocalDate eol = parseEol(eolDate);
        if (reason == null || reason.isBlank()) {
            throw new BadInputException("Reason for deprecating " + image + " is empty; a deprecation needs a reason for the record");
        }
        ImageRecord record = catalog.require(image);
        if (record.stage() == Stage.RETIRED) {
            throw new GateRefusedException("Image " + image + " (" + record.digest() + ") is retired; a retired image cannot be deprecated");
        }
        String details = Json.write(Json.object().put("eolDate", eol.toString()));
        store.deprecate(record.digest(), record.stage(), eol, new LifecycleEvent(0, Instant.now(clock), actor, "deprecate",
                record.digest(), record.displayRef(), record.stage(), Stage.DEPRECATED, reason, details));
        log.println("Deprecated " + record.displayRef() + " (" + record.digest() + "), end of life " + eol);
        return catalog.find(record.digest()).orElseThrow();
    }

    LocalDate parseEol(String eolDate) {
        LocalDate eol;
        try {
            eol = LocalDate.parse(eolDate == null ? "" : eolDate.strip());
        } catch (DateTimeParseException e) {
            throw new BadInputException("End-of-life date '" + eolDate + "' is not a date; expected yyyy-MM-dd, e.g. "
                    + LocalDate.now(clock).plusMonths(3));
        }
        LocalDate today = LocalDate.now(clock);
        if (eol.isBefore(today)) {
            throw new BadInputException("End-of-life date '" + eolDate + "' is in the past; expected today (" + today + ") or later");
        }
        if (eol.getYear() > 9999) {
            // every catalog database stores years up to 9999 exactly; later ones came back as other dates
            throw new BadInputException("End-of-life date '" + eolDate + "' is too far; expected a date up to 9999-12-31");
        }
        return eol;
    }

    /**
     * The images {@link #retire} would retire for this request: the image and, with cascade, each descendant not retired
     * yet. A front end checks who may retire them (each one's producing job) before it asks.
     */
    public List<ImageRecord> retiring(RetireRequest request) {
        ImageRecord record = catalog.require(request.image());
        List<ImageRecord> images = new ArrayList<>();
        images.add(record);
        if (request.cascade()) {
            catalog.descendants(record.digest()).stream().filter(d -> d.stage() != Stage.RETIRED).forEach(images::add);
        }
        return images;
    }

    /**
     * Retires an image (terminal). With cascade, every descendant too, in the same transaction; without,
     * the descendants stay and are reported as outdated. Registry deletions come after the catalog
     * commit and are reported one by one; a registry that refuses deletion does not undo the retirement.
     */
    public RetireResult retire(RetireRequest request, PrintStream log) {
        ImageRecord record = catalog.require(request.image());
        if (record.stage() == Stage.RETIRED) {
            throw new GateRefusedException("Image " + request.image() + " (" + record.digest() + ") is already retired");
        }
        List<LineageRow> descendants = store.descendants(record.digest());
        Instant now = Instant.now(clock);
        String details = Json.write(Json.object().put("cascade", request.cascade()).put("purge", request.purge())
                .put("removeFromEnvironments", request.removeFromEnvironments()));
        List<LifecycleEvent> events = new ArrayList<>();
        events.add(new LifecycleEvent(0, now, actor, "retire", record.digest(), record.displayRef(), record.stage(),
                Stage.RETIRED, request.reason(), details));
        List<String> outdated = new ArrayList<>();
        for (LineageRow d : descendants) {
            if (d.stage() == Stage.RETIRED) {
                continue;
            }
            if (request.cascade()) {
                String cascaded = Json.write(Json.object().put("cascadeFrom", record.digest()));
                events.add(new LifecycleEvent(0, now, actor, "retire", d.digest(), d.repository() + "@" + d.digest(), d.stage(),
                        Stage.RETIRED, request.reason() + " (cascade from " + record.digest() + ")", cascaded));
            } else {
                outdated.add(d.digest());
            }
        }
        List<EndOfLifeStore.Withdrawal> withdrawals = store.retire(events);
        List<String> retired = events.stream().map(LifecycleEvent::digest).toList();
        log.println("Retired " + record.displayRef() + " (" + record.digest() + ")"
                + (request.cascade() ? " and " + (retired.size() - 1) + " descendant(s)" : ""));
        for (EndOfLifeStore.Withdrawal w : withdrawals) {
            log.println("WARNING: " + w.digest() + " stood in " + w.environment() + " (" + w.targetRef() + "); withdrawn: "
                    + w.environment() + " holds no image of " + w.family() + " until one is promoted or rolled back"
                    + (request.removeFromEnvironments() ? "" : " (the copy stays in the registry)"));
        }
        if (!outdated.isEmpty()) {
            log.println(outdated.size() + " descendant(s) are now outdated: parent retired; they appear in the rebuild plan");
        }
        List<ManifestDeletion.Outcome> removals = removeManifests(request, retired, log);
        return new RetireResult(retired, outdated, removals);
    }

    private List<ManifestDeletion.Outcome> removeManifests(RetireRequest request, List<String> retired, PrintStream log) {
        if (!request.removeFromEnvironments() && !request.purge()) {
            return List.of();
        }
        Set<ImageRef> targets = new LinkedHashSet<>();
        for (String digest : retired) {
            ImageRecord image = catalog.find(digest).orElseThrow();
            if (request.removeFromEnvironments()) {
                targets.addAll(copies.copiesOf(image));
            }
            if (request.purge()) {
                targets.add(pushed(image));
            }
        }
        return delete(targets, log);
    }

    /**
     * Purges a retired container image: deletes its environment copies and its pushed manifest from the
     * registry, each with its signatures, and records one event. The event is {@value EndOfLifeStore#PURGE_ACTION}
     * when every manifest is gone (deleted, or absent already), {@value #PURGE_FAILED_ACTION} otherwise, so that a
     * later policy run tries again.
     *
     * @param details what else the event records (the policy); the outcome per manifest is added
     */
    public List<ManifestDeletion.Outcome> purge(String image, String reason, ObjectNode details, PrintStream log) {
        ImageRecord record = catalog.require(image);
        if (record.stage() != Stage.RETIRED) {
            throw new GateRefusedException("Image " + image + " (" + record.digest() + ") is " + record.stage().id()
                    + "; only a retired image is purged");
        }
        if (record.role() == Role.HOST) {
            throw new GateRefusedException("Image " + image + " is a host image; its artifacts are not in a registry to purge");
        }
        Set<ImageRef> targets = new LinkedHashSet<>(copies.copiesOf(record));
        targets.add(pushed(record));
        List<ManifestDeletion.Outcome> outcomes = delete(targets, log);
        boolean gone = outcomes.stream().allMatch(o -> o.result() == ManifestDeletion.Result.DELETED
                || o.result() == ManifestDeletion.Result.ALREADY_ABSENT);
        ArrayNode removals = details.putArray("removals");
        outcomes.forEach(o -> removals.addObject().put("ref", o.ref()).put("result", o.result().name().toLowerCase(Locale.ROOT)));
        catalog.recordEvent(new LifecycleEvent(0, Instant.now(clock), actor, gone ? EndOfLifeStore.PURGE_ACTION : PURGE_FAILED_ACTION,
                record.digest(), record.displayRef(), Stage.RETIRED, Stage.RETIRED, reason, Json.write(details)));
        log.println(gone ? "Purged " + record.displayRef() + " (" + record.digest() + ") from its registry"
                : "WARNING: purge of " + record.displayRef() + " (" + record.digest() + ") is incomplete; the next policy run tries again");
        return outcomes;
    }

    /** The manifest the build pushed, pinned by its digest. */
    private static ImageRef pushed(ImageRecord image) {
        return ImageRef.parse(image.repository()).withDigest(Digest.parse(image.digest()));
    }

    private List<ManifestDeletion.Outcome> delete(Set<ImageRef> targets, PrintStream log) {
        List<ManifestDeletion.Outcome> outcomes = new ArrayList<>();
        for (ImageRef target : targets) {
            ManifestDeletion.Outcome outcome = deletion.delete(target);
            log.println((outcome.result() == ManifestDeletion.Result.DELETED ? "" : "WARNING: ") + outcome.message());
            outcomes.add(outcome);
            deletion.deleteSignatures(target).ifPresent(signatures -> {
                log.println((signatures.result() == ManifestDeletion.Result.DELETED ? "its signatures: " : "WARNING: its signatures: ")
                        + signatures.message());
                outcomes.add(signatures);
            });
        }
        return outcomes;
    }
}
