package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;

/** Writes the outcome of a build into the catalog: the image and its birth event, or a failed attempt. */
public final class BuildRecorder {
    private final Catalog catalog;

    public BuildRecorder(Catalog catalog) {
        this.catalog = catalog;
    }

    public ImageRecord recordBuilt(String action, BuiltImage built, BuildContext context) {
        ImageRecord image = built.record();
        var details = Json.object().put("provenanceFile", built.provenanceFile()).put("parent", image.parentDigest())
                .put("invocationId", context.invocationId());
        LifecycleEvent event = LifecycleEvent.of(context.actor(), action, image.digest(), built.pushedRef(), null,
                image.stage(), action + " of " + built.pushedRef(), Json.write(details));
        return catalog.recordBuilt(image, event);
    }

    /** A build or push that failed: an event for the attempt, no image. */
    public LifecycleEvent recordFailedAttempt(String action, String target, String message, BuildContext context) {
        var details = Json.object().put("invocationId", context.invocationId());
        return catalog.recordEvent(LifecycleEvent.of(context.actor(), action, null, target, null, Stage.FAILED, message,
                Json.write(details)));
    }
}
