package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.verify.JUnitXml;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import io.jenkins.plugins.imagelifecycle.verify.TestResultStatement;

/**
 * Records a test run against an image: the run (with its JUnit XML and in-toto statement), an event,
 * and the stage it leads to — built/failed/tested become tested or failed; a deprecated image keeps its
 * stage; a retired one is never tested again.
 */
public final class TestRunRecorder {
    public static final String ACTION = "test";
    private final Catalog catalog;

    public TestRunRecorder(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Refuses images whose tests can no longer change anything. */
    public static void requireTestable(ImageRecord image) {
        if (image.stage() == Stage.RETIRED) {
            throw new GateRefusedException("Image " + image.displayRef() + " is retired; it is not tested again");
        }
    }

    public TestRunRecord record(ImageRecord image, TestReport report, String actor) {
        requireTestable(image);
        if (report.results().isEmpty()) {
            throw new BadInputException("Test run of " + image.displayRef() + " ran no test; it is not recorded");
        }
        Stage from = image.stage();
        Stage to = from == Stage.DEPRECATED ? from : report.passed() ? Stage.TESTED : Stage.FAILED;
        TestRunRecord run = toRecord(image, report, actor);
        var details = Json.object().put("result", run.result()).put("passed", run.passed()).put("failed", run.failed());
        details.set("failedTests", Json.MAPPER.valueToTree(report.failedNames()));
        // recorded as such: a protected environment does not count it unless it trusts that job as a tester
        String tester = io.jenkins.plugins.imagelifecycle.model.RunActors.jobOf(actor);
        String builder = io.jenkins.plugins.imagelifecycle.model.RunActors.jobOf(image.builtBy());
        boolean otherJob = tester != null && builder != null && !tester.equals(builder);
        details.put("testedByOtherJob", otherJob);
        catalog.recordTestRun(run, from, LifecycleEvent.of(actor, ACTION, image.digest(), image.displayRef(), from, to,
                report.summary() + (otherJob ? " (recorded by " + tester + ", not " + builder + " that built it)" : ""), Json.write(details)));
        return run;
    }

    static TestRunRecord toRecord(ImageRecord image, TestReport report, String actor) {
        String statement = Json.write(TestResultStatement.of(image.repository(), Digest.parse(image.digest()), report));
        return new TestRunRecord(0, image.digest(), report.startedAt(), report.finishedAt(), actor,
                report.passed() ? "PASSED" : "FAILED", (int) report.passedCount(), (int) report.failedCount(),
                Json.write(report.specs()), JUnitXml.of(report, image.displayRef()), statement);
    }
}
