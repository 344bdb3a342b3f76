package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.util.List;

/** Writes the outcome of a build into the catalog: the image and its birth event, or a failed attempt. */
public final class BuildRecorder {
    private final Catalog catalog;

    public BuildRecorder(Catalog catalog) {
        this.catalog = catalog;
    }

    public ImageRecord recordBuilt(String action, BuiltImage built, BuildContext context) {
        return recordBuilt(action, built, context, List.of());
    }

    /** @param notChecked what the controller could not check of an agent's report (its registry unreadable from there) */
    public ImageRecord recordBuilt(String action, BuiltImage built, BuildContext context, List<String> notChecked) {
        ImageRecord image = built.record();
        var details = Json.object().put("provenanceFile", built.provenanceFile()).put("parent", image.parentDigest())
                .put("invocationId", context.invocationId());
        if (!notChecked.isEmpty()) {
            details.set("controllerCouldNotCheck", Json.MAPPER.valueToTree(notChecked));
        }
        LifecycleEvent event = LifecycleEvent.of(context.actor(), action, image.digest(), built.pushedRef(), null,
                image.stage(), action + " of " + built.pushedRef(), Json.write(details));
        ImageRecord recorded = catalog.recordBuilt(image, event);
        if (built.tests() != null) {
            // the tests ran before the push: the image is born tested, the run is on record against its digest
            TestRunRecord run = TestRunRecorder.toRecord(recorded, built.tests(), context.actor());
            catalog.recordTestRun(run, recorded.stage(), LifecycleEvent.of(context.actor(), TestRunRecorder.ACTION,
                    recorded.digest(), built.pushedRef(), recorded.stage(), recorded.stage(), built.tests().summary(), null));
        }
        return recorded;
    }

    /** A build or push that failed: an event for the attempt, no image. */
    public LifecycleEvent recordFailedAttempt(String action, String target, String message, BuildContext context) {
        return recordFailedAttempt(action, target, message, context, null);
    }

    /** A failed attempt whose image failed its tests: the local image id and the failed tests are on record. */
    public LifecycleEvent recordFailedAttempt(String action, String target, String message, BuildContext context,
                                              TestsFailedException tests) {
        var details = Json.object().put("invocationId", context.invocationId());
        if (tests != null) {
            details.put("localImageId", tests.imageId());
            details.set("failedTests", Json.MAPPER.valueToTree(tests.report().failedNames()));
        }
        return catalog.recordEvent(LifecycleEvent.of(context.actor(), action, null, target, null, Stage.FAILED, message,
                Json.write(details)));
    }
}
