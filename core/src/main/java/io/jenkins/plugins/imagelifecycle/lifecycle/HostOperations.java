package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** buildHost in one process (the CLI): build with Packer, then record each host image; or the failed attempt. */
public final class HostOperations {
    public static final String BUILD_HOST = "build-host";

    private final Catalog catalog;
    private final HostBuild build;
    private final BuildContext context;

    public HostOperations(Catalog catalog, HostBuild build, BuildContext context) {
        this.catalog = catalog;
        this.build = build;
        this.context = context;
    }

    public List<ImageRecord> buildHost(Path workspace, HostBuildRequest request, PrintStream log) {
        try {
            List<ImageRecord> recorded = new ArrayList<>();
            for (BuiltHostImage image : build.run(workspace, request, context, log)) {
                recorded.add(record(catalog, image, context, log));
            }
            return recorded;
        } catch (BuildAttemptFailedException e) {
            new BuildRecorder(catalog).recordFailedAttempt(BUILD_HOST, e.target(), e.getMessage(), context,
                    e instanceof TestsFailedException t ? t : null);
            throw e;
        }
    }

    /** Writes one host image, its Packer details and birth event, its test run when tests ran, and its contents. */
    public static ImageRecord record(Catalog catalog, BuiltHostImage image, BuildContext context, PrintStream log) {
        ImageRecord r = image.record();
        var details = Json.object().put("provenanceFile", image.provenanceFile()).put("invocationId", context.invocationId())
                .put("template", image.details().templatePath());
        ImageRecord recorded = catalog.recordHostImage(r, image.details(), LifecycleEvent.of(context.actor(), BUILD_HOST,
                r.digest(), image.details().artifactId(), null, r.stage(), "built from " + image.details().templatePath(),
                Json.write(details)));
        if (image.tests() != null) {
            TestRunRecord run = TestRunRecorder.toRecord(recorded, image.tests(), context.actor());
            catalog.recordTestRun(run, recorded.stage(), LifecycleEvent.of(context.actor(), TestRunRecorder.ACTION,
                    recorded.digest(), image.details().artifactId(), recorded.stage(), recorded.stage(), image.tests().summary(), null));
        }
        if (image.contents() != null) {
            try {
                new ImageContentsOperation(catalog, null, Clock.systemUTC()).record(catalog.require(recorded.digest()), image.contents(),
                        context.actor(), log);
            } catch (LifecycleException e) {
                log.println("Contents of " + recorded.displayRef() + " not read: " + e.getMessage());
            }
        }
        return recorded;
    }
}
