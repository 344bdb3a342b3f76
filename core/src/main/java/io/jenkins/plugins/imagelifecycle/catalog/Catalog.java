package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.HostImageDetails;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of every image and every change: images by digest, their tags, and the append-only
 * event log. Each write is one transaction, so a reader never sees an image without its birth event.
 */
public final class Catalog implements AutoCloseable {
    private final CatalogDatabase db;
    /** The transaction this thread is in, if any. */
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    public Catalog(CatalogDatabase db) {
        this.db = db;
        SchemaMigrations.apply(db);
    }

    public static Catalog open(String location) {
        return new Catalog(CatalogDatabase.open(location));
    }

    /** Work that needs one connection in one transaction; later operations (promotion) build on it. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) {
        return run(work, true);
    }

    /**
     * Work that only reads, in one consistent snapshot. On the embedded catalog it never waits for
     * another process's write.
     */
    public <T> T read(Work<T> work) {
        return run(work, false);
    }

    private <T> T run(Work<T> work, boolean writes) {
        Connection outer = current.get();
        if (outer != null) {
            // work started inside another transaction of this thread joins it: on the embedded catalog a
            // second writing transaction would wait for the first, which waits for it
            try {
                return work.run(outer);
            } catch (SQLException e) {
                throw db.failure("failed", e);
            }
        }
        // An interrupted thread (an aborted build recording its failed attempt) would make the file
        // channel close itself in the middle of a write and break the embedded store, so the interrupt
        // is held back during the transaction and restored afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            return transaction(writes ? db.connection() : db.readConnection(), work);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T transaction(Connection connection, Work<T> work) {
        try (Connection c = connection) {
            c.setAutoCommit(false);
            current.set(c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollBack(c, e);
                throw e;
            } finally {
                current.remove();
            }
        } catch (SQLException e) {
            throw db.failure("failed", e);
        }
    }

    /**
     * Rolls back after a failure. When the connection itself is gone (the database restarted under the transaction),
     * the rollback fails too: the failure reported stays the first one, which says what happened, not "closed".
     */
    private static void rollBack(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Records a newly built image with its tags and birth event. When the same digest is already known
     * (a reproducible rebuild), its tags are added and the event is recorded against the existing record.
     */
    public ImageRecord recordBuilt(ImageRecord image, LifecycleEvent event) {
        return inTransaction(c -> {
            Optional<ImageRecord> existing = ImageRows.find(c, image.digest());
            if (existing.isEmpty()) {
                ImageRows.insert(c, image);
            }
            ImageRows.addTags(c, image.digest(), image.tags(), event.at());
            EventRows.insert(c, event);
            return ImageRows.find(c, image.digest()).orElseThrow();
        });
    }

    /** Records a host image, what Packer reported of it, and its birth event, in one transaction. */
    public ImageRecord recordHostImage(ImageRecord image, HostImageDetails details, LifecycleEvent event) {
        return inTransaction(c -> {
            if (ImageRows.find(c, image.digest()).isEmpty()) {
                ImageRows.insert(c, image);
                HostImageRows.insert(c, details);
            }
            ImageRows.addTags(c, image.digest(), image.tags(), event.at());
            EventRows.insert(c, event);
            return ImageRows.find(c, image.digest()).orElseThrow();
        });
    }

    public Optional<HostImageDetails> hostDetails(String digest) {
        return read(c -> HostImageRows.find(c, digest));
    }

    /** Appends an event that changes no image (a failed attempt, a test run, a warning). */
    public LifecycleEvent recordEvent(LifecycleEvent event) {
        return inTransaction(c -> EventRows.insert(c, event));
    }

    /**
     * Moves an image from {@code expected} to {@code event.toStage()} and records the event, atomically.
     * Refused when another writer changed the stage first.
     */
    public void transition(String digest, Stage expected, LifecycleEvent event) {
        inTransaction(c -> {
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE images SET stage = ?, version = version + 1 WHERE digest = ? AND stage = ?")) {
                u.setString(1, event.toStage().id());
                u.setString(2, digest);
                u.setString(3, expected.id());
                if (u.executeUpdate() != 1) {
                    Stage now = ImageRows.find(c, digest)
                            .orElseThrow(() -> new NotFoundException("Image " + digest + " is not in the catalog"))
                            .stage();
                    throw new GateRefusedException("Image " + digest + " is " + now.id() + ", not " + expected.id()
                            + " as expected; it was changed by someone else, nothing was done");
                }
            }
            return EventRows.insert(c, event);
        });
    }

    /**
     * Records a test run and its event and, when the run changes the stage, moves it from
     * {@code expected} (compare-and-set), all in one transaction.
     */
    public void recordTestRun(TestRunRecord run, Stage expected, LifecycleEvent event) {
        inTransaction(c -> {
            if (event.toStage() != expected) {
                try (PreparedStatement u = c.prepareStatement(
                        "UPDATE images SET stage = ?, version = version + 1 WHERE digest = ? AND stage = ?")) {
                    u.setString(1, event.toStage().id());
                    u.setString(2, run.digest());
                    u.setString(3, expected.id());
                    if (u.executeUpdate() != 1) {
                        throw new GateRefusedException("Image " + run.digest() + " changed stage while it was tested; "
                                + "nothing was recorded, run the tests again");
                    }
                }
            }
            TestRunRows.insert(c, run);
            return EventRows.insert(c, event);
        });
    }

    /**
     * Places an image in an environment: appends the placement and its event, and moves the
     * environment's pointer for the image's family, in one transaction. A pointer moved by a concurrent
     * promotion makes this one retry on the new state (bounded), so no promotion is lost.
     *
     * @return the placement as recorded, with {@code previous} filled in
     */
    public Placement place(Placement placement, LifecycleEvent event) {
        return place(placement, event, null, null);
    }

    /**
     * As {@link #place(Placement, LifecycleEvent)}, with the placement's first verification state in the same
     * transaction (its placement id is filled in): a placement that must be verified is never eligible
     * downstream, even for a moment.
     */
    public Placement place(Placement placement, LifecycleEvent event, PlacementVerification verifying, LifecycleEvent verifyingEvent) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Placement recorded = inTransaction(c -> {
                requireNotRetired(c, placement.digest());
                Optional<Object[]> pointer = PlacementRows.pointer(c, placement.environment(), placement.family());
                String previous = pointer.map(p -> (String) p[0]).orElse(null);
                long version = pointer.map(p -> (Long) p[1]).orElse(0L);
                Placement p = new Placement(0, placement.environment(), placement.family(), placement.digest(),
                        placement.targetRef(), placement.placedAt(), placement.actor(), placement.approver(), previous,
                        placement.waivedTests(), placement.kind(), placement.approval());
                if (!PlacementRows.movePointer(c, p, version)) {
                    c.rollback();
                    return null;
                }
                long id = PlacementRows.insert(c, p);
                EventRows.insert(c, event);
                if (verifying != null) {
                    VerificationRows.insert(c, new PlacementVerification(id, verifying.state(), verifying.at(), verifying.actor(),
                            verifying.detail()));
                    EventRows.insert(c, verifyingEvent);
                }
                return new Placement(id, p.environment(), p.family(), p.digest(), p.targetRef(), p.placedAt(), p.actor(),
                        p.approver(), p.previous(), p.waivedTests(), p.kind(), p.approval());
            });
            if (recorded != null) {
                return recorded;
            }
        }
        throw new GateRefusedException("Environment " + placement.environment() + " kept changing under 50 concurrent "
                + "promotions; nothing was recorded, promote again");
    }

    /**
     * Locks the image's row for this transaction and refuses a retired image. The gates checked its stage before the
     * copy, which can take minutes: a retirement committed meanwhile (it withdraws the image from where it stands)
     * must not be followed by a placement that puts it back. The image's row is locked before the pointer, as the
     * retirement locks it, so the two never wait for each other in opposite orders.
     */
    private static void requireNotRetired(Connection c, String digest) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE images SET version = version WHERE digest = ? AND stage <> ?")) {
            u.setString(1, digest);
            u.setString(2, Stage.RETIRED.id());
            if (u.executeUpdate() != 1) {
                throw new GateRefusedException("Image " + digest + " was retired (or is not in the catalog) while it was being "
                        + "promoted; nothing was recorded, and the copy made in the registry stands unrecorded");
            }
        }
    }

    /**
     * Runs {@code work} while no other thread, in this process or any other on this catalog, runs work under the same
     * name: what keeps a promotion's registry copy and its record together (see {@link CatalogLock}).
     */
    public <T> T exclusively(String name, java.util.function.Supplier<T> work) {
        return CatalogLock.holding(db, name, work);
    }

    /** The digest that stands in {@code environment} for {@code family} now. */
    public Optional<String> current(String environment, String family) {
        return read(c -> PlacementRows.pointer(c, environment, family).map(p -> (String) p[0]));
    }

    /** Every placement of an image, oldest first. */
    public List<Placement> placements(String digest) {
        return read(c -> PlacementRows.query(c, "WHERE digest = ?", digest));
    }

    /** Every placement in an environment for a family, oldest first: the environment's history. */
    public List<Placement> environmentHistory(String environment, String family) {
        return read(c -> PlacementRows.query(c, "WHERE environment = ? AND family = ?", environment, family));
    }

    /** Every placement in an environment, every family, oldest first. */
    public List<Placement> environmentPlacements(String environment) {
        return read(c -> PlacementRows.query(c, "WHERE environment = ?", environment));
    }

    /** What stands in every environment now, one placement per environment and family. */
    public List<Placement> currentPlacements() {
        return read(PlacementRows::current);
    }

    /** Records a verification state of a placement and its event, in one transaction. */
    public void recordVerification(PlacementVerification verification, LifecycleEvent event) {
        inTransaction(c -> {
            VerificationRows.insert(c, verification);
            EventRows.insert(c, event);
            return null;
        });
    }

    /** The verification state of each of these placements now (the newest row of each); absent: never verified. */
    public java.util.Map<Long, PlacementVerification> verifications(java.util.Collection<Long> placementIds) {
        return placementIds.isEmpty() ? java.util.Map.of() : read(c -> VerificationRows.latest(c, placementIds));
    }

    /** One placement by id. */
    public Optional<Placement> placement(long id) {
        return read(c -> PlacementRows.byId(c, id));
    }

    /** Every test run of an image, oldest first. */
    public List<TestRunRecord> testRuns(String digest) {
        return read(c -> TestRunRows.forDigest(c, digest));
    }

    /** The newest test run of an image: what promotion's gate reads. */
    public Optional<TestRunRecord> latestTestRun(String digest) {
        List<TestRunRecord> runs = testRuns(digest);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    public Optional<ImageRecord> find(String digest) {
        return read(c -> ImageRows.find(c, digest));
    }

    /** By digest when the reference has one, else the image most recently recorded under that tag. */
    public Optional<ImageRecord> find(ImageRef ref) {
        if (ref.digest().isPresent()) {
            return find(ref.digest().get().toString());
        }
        return read(c -> ImageRows.findByTag(c, ref.withTag(ref.tagOrLatest()).toString()));
    }

    /**
     * The image named by a bare {@code sha256:…} digest or by a reference (tag or digest); refused with
     * a message naming the value when the catalog does not know it.
     */
    public ImageRecord require(String refOrDigest) {
        Optional<ImageRecord> found = io.jenkins.plugins.imagelifecycle.model.Digest.meantAsDigest(refOrDigest)
                ? find(io.jenkins.plugins.imagelifecycle.model.Digest.parse(refOrDigest).toString())
                : find(ImageRef.parse(refOrDigest));
        return found.orElseThrow(() -> new NotFoundException("Image '" + refOrDigest
                + "' is not in the catalog; expected a digest or reference of an image recorded by bless, augment or build-host"));
    }

    /** Walks parent links upwards: the parent first, the oldest known ancestor last. */
    public List<ImageRecord> ancestors(ImageRecord image) {
        List<ImageRecord> chain = new ArrayList<>();
        String parent = image.parentDigest();
        while (parent != null && chain.size() < 64) {
            Optional<ImageRecord> found = find(parent);
            if (found.isEmpty()) {
                break;
            }
            chain.add(found.get());
            parent = found.get().parentDigest();
        }
        return chain;
    }

    /** The blessed image most recently built from {@code baseRef}: where that base stands now, as far as the factory knows. */
    public Optional<ImageRecord> newestBlessedFrom(String baseRef) {
        return read(c -> ImageRows.newestBlessedFrom(c, baseRef));
    }

    public List<ImageRecord> images() {
        return read(ImageRows::all);
    }

    /** Handed each page of images in turn; catalog reads it makes join the listing's snapshot. */
    @FunctionalInterface
    public interface PageVisitor {
        void visit(List<ImageRecord> page) throws SQLException;
    }

    /**
     * Every image, oldest first, a page at a time with its tags but no provenance, in one consistent snapshot: what
     * listings of the whole catalog ({@code status}) stream without holding every record.
     */
    public void eachImagePage(int pageSize, PageVisitor visitor) {
        read(c -> {
            ImagePages.each(c, pageSize, false, false, page -> visitor.visit(page.images()));
            return null;
        });
    }

    /**
     * A page of images and, for each, its events (without details; none when the listing did not read them), its latest
     * test run and its contents summary.
     */
    public record ImageActivityPage(List<ImageRecord> images, java.util.Map<String, List<LifecycleEvent>> histories,
                                    java.util.Map<String, TestRunTally> tests,
                                    java.util.Map<String, ContentsStore.Summary> contents) {
    }

    @FunctionalInterface
    public interface ActivityPageVisitor {
        void visit(ImageActivityPage page) throws SQLException;
    }

    /** Whether a listing's pages carry each image's events (the table with the most rows: three an image, or more). */
    public enum ListedEvents {
        READ,
        /** {@link ImageActivityPage#histories()} stays empty: the events are not read at all. */
        NOT_READ
    }

    /** As {@link #eachImagePage}, with what the lifecycle view shows beside each image, every table scanned once. */
    public void eachImagePageWithActivity(int pageSize, ListedEvents events, ActivityPageVisitor visitor) {
        read(c -> {
            ImagePages.each(c, pageSize, true, events == ListedEvents.READ, visitor);
            return null;
        });
    }

    /** Every image built on {@code digest}, directly or through others, nearest first. */
    public List<ImageRecord> descendants(String digest) {
        return read(c -> ImageRows.descendants(c, digest));
    }

    /** Every event about {@code digest}, oldest first. */
    public List<LifecycleEvent> history(String digest) {
        return read(c -> EventRows.forDigest(c, digest));
    }

    /** The newest events of the whole catalog, newest first. */
    public List<LifecycleEvent> recentEvents(int limit) {
        return read(c -> EventRows.recent(c, limit));
    }

    static Timestamp timestamp(java.time.Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static List<String> strings(ResultSet rs, int column) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(column));
        }
        return out;
    }

    public CatalogDatabase database() {
        return db;
    }

    @Override
    public void close() {
        db.close();
    }
}
