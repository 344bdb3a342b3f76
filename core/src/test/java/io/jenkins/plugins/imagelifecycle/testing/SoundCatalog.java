package io.jenkins.plugins.imagelifecycle.testing;

import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import java.time.Instant;

/**
 * A catalog with a little of everything, written through the catalog's own write API as the operations write it: a
 * blessed image and two augments of it (one tested, signed, with a finding), placed in dev twice and in qa once (verified
 * there), an older blessed image retired while standing nowhere, and a failed attempt (an event with no image).
 */
public final class SoundCatalog {
    public static final String HOST = "127.0.0.1:5998";
    public static final String ACTOR = "job/factory#1";

    public final ImageRecord blessed;
    /** Stood in dev first, stands in qa (verified). */
    public final ImageRecord app1;
    /** Stands in dev now. */
    public final ImageRecord app2;
    public final ImageRecord retired;
    public final Placement app1InDev;
    public final Placement app2InDev;
    public final Placement app1InQa;

    private SoundCatalog(Catalog catalog) {
        Instant t = Instant.parse("2026-01-05T10:00:00Z");
        SyntheticImages images = new SyntheticImages(catalog, HOST);
        String baseDigest = "sha256:" + "b".repeat(64);
        ImageRecord old = images.blessed("blessed/base:0", HOST + "/upstream/base:1", baseDigest, t);
        blessed = images.blessed("blessed/base:1", HOST + "/upstream/base:1", baseDigest, t.plusSeconds(60));
        app1 = images.child("apps/web:1", blessed, t.plusSeconds(120));
        app2 = images.child("apps/web:2", blessed, t.plusSeconds(180));
        testSignAndMatch(catalog, app1, t.plusSeconds(130));
        app1InDev = place(catalog, "dev", app1, t.plusSeconds(140));
        app1InQa = placeVerified(catalog, "qa", app1, t.plusSeconds(150));
        app2InDev = place(catalog, "dev", app2, t.plusSeconds(190));
        catalog.transition(old.digest(), Stage.BUILT, event("retire", old, Stage.RETIRED, t.plusSeconds(200)));
        retired = catalog.find(old.digest()).orElseThrow();
        catalog.recordEvent(new LifecycleEvent(0, t.plusSeconds(210), ACTOR, "augment", null, HOST + "/apps/web:3", null, Stage.FAILED,
                "build failed", null));
    }

    public static SoundCatalog writeTo(Catalog catalog) {
        return new SoundCatalog(catalog);
    }

    /** A passing test run (the stage becomes tested), a signature's event, and a finding of an advisory. */
    private static void testSignAndMatch(Catalog catalog, ImageRecord image, Instant at) {
        catalog.recordTestRun(new TestRunRecord(0, image.digest(), at, at.plusSeconds(1), ACTOR, "PASSED", 1, 0, "[]", null, null),
                Stage.BUILT, event("test", image, Stage.TESTED, at.plusSeconds(1)));
        catalog.recordEvent(event("signed", image, Stage.TESTED, at.plusSeconds(2)));
        Finding finding = new Finding(0, image.digest(), "DSA-0001-1", null, "openssl", "3.0.1", "3.0.2", "high", "osv", at.plusSeconds(3),
                ACTOR, null, null);
        catalog.inTransaction(c -> {
            try (AdvisoryStore.FindingWrites findings = new AdvisoryStore.FindingWrites(c)) {
                findings.open(finding, event("finding-opened", image, Stage.TESTED, at.plusSeconds(3)));
                findings.flush();
            }
            return null;
        });
    }

    private static Placement place(Catalog catalog, String environment, ImageRecord image, Instant at) {
        return catalog.place(placement(environment, image, at), event("promote", image, Stage.TESTED, at));
    }

    /** Placed with its first state verifying in the same transaction, then verified: as an environment that verifies does. */
    private static Placement placeVerified(Catalog catalog, String environment, ImageRecord image, Instant at) {
        Placement placed = catalog.place(placement(environment, image, at), event("promote", image, Stage.TESTED, at),
                new PlacementVerification(0, PlacementVerification.State.VERIFYING, at, ACTOR, "verifying"),
                event("verifying", image, Stage.TESTED, at));
        catalog.recordVerification(new PlacementVerification(placed.id(), PlacementVerification.State.VERIFIED, at.plusSeconds(1), ACTOR,
                "1 passed"), event("verified", image, Stage.TESTED, at.plusSeconds(1)));
        return placed;
    }

    private static Placement placement(String environment, ImageRecord image, Instant at) {
        String target = HOST + "/" + environment + "/apps/web@" + image.digest();
        return new Placement(0, environment, image.repository(), image.digest(), target, at, ACTOR, null, null, null, Placement.PROMOTION);
    }

    private static LifecycleEvent event(String action, ImageRecord image, Stage to, Instant at) {
        return new LifecycleEvent(0, at, ACTOR, action, image.digest(), image.displayRef(), image.stage(), to, action, null);
    }

    /** A digest no image of this catalog has. */
    public static String unknownDigest() {
        return "sha256:" + "0".repeat(64);
    }
}
