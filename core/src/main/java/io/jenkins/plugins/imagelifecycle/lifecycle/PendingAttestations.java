package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.util.List;
import java.util.Optional;

/**
 * Images that reached the registry and the catalog but not their attestations (the registry failed
 * between the push and the attestation upload): on record with what is missing, so that the next run of
 * the same build completes them instead of building a new digest beside an untracked one.
 */
public final class PendingAttestations {
    public static final String MISSING = "attestations-missing";
    public static final String STORED = "attestations-stored";

    private final Catalog catalog;

    public PendingAttestations(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The image last recorded under {@code target}'s tag, when its attestations are still missing. */
    public Optional<ImageRecord> at(ImageRef target) {
        return catalog.find(target.withoutDigest()).filter(this::missing);
    }

    boolean missing(ImageRecord image) {
        List<LifecycleEvent> events = catalog.history(image.digest());
        for (int i = events.size() - 1; i >= 0; i--) {
            String action = events.get(i).action();
            if (action.equals(STORED)) {
                return false;
            }
            if (action.equals(MISSING)) {
                return true;
            }
        }
        return false;
    }

    public void recordMissing(ImageRecord image, String ref, String reason, BuildContext context) {
        catalog.recordEvent(LifecycleEvent.of(context.actor(), MISSING, image.digest(), ref, image.stage(), image.stage(),
                "pushed and recorded, attestations not stored: " + reason,
                Json.write(Json.object().put("invocationId", context.invocationId()))));
    }

    public void recordStored(ImageRecord image, String ref, BuildContext context) {
        catalog.recordEvent(LifecycleEvent.of(context.actor(), STORED, image.digest(), ref, image.stage(), image.stage(),
                "attestations of an earlier run stored", Json.write(Json.object().put("invocationId", context.invocationId()))));
    }

    /** The test-result statement of the image's newest test run, to store again; null when it has none. */
    public String testStatement(ImageRecord image) {
        return catalog.latestTestRun(image.digest()).map(TestRunRecord::statement).orElse(null);
    }
}
