package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A stand-in controller in a JVM of its own, for tests of several controllers on one catalog: JENKINS_HOME of its own, the
 * shared catalog by URL (PostgreSQL's password from {@code PGPASSFILE}, never an argument), and one job whose upstream
 * trigger watches one reference.
 * <p>
 * {@code WatchingController HOME ROOT_URL CATALOG_URL JOB UPSTREAM_REF}. It prints {@code ready} once the trigger has
 * started; then for each line {@code go} on its standard input it runs the trigger's check at once and prints
 * {@code checked SCHEDULED CLAIMED}: how many builds of the job it has scheduled so far, and how many changes this check
 * claimed. A line {@code end} (or the end of its input) stops it.
 */
public final class WatchingController {
    private WatchingController() {
    }

    public static void main(String[] args) throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(Path.of(args[0]), args[1])) {
            ImageLifecycleConfiguration.get().setCatalogUrl(args[2]);
            TestJob job = new TestJob(args[3]);
            UpstreamImageTrigger trigger = new UpstreamImageTrigger("H/15 * * * *");
            trigger.setReferences(args[4]);
            trigger.start(job, true);
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); "go".equals(line); line = in.readLine()) {
                int claimed = trigger.check(null).size();
                System.out.println("checked " + job.standInScheduled().size() + " " + claimed);
                System.out.flush();
            }
            trigger.stop();
        }
        System.exit(0);
    }
}
