// Compile-only stand-in of hudson.model.Job (Jenkins 2.479.3; interfaces omitted); never shipped.
package hudson.model;

import hudson.util.RunList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem {
    private final List<RunT> builds = new CopyOnWriteArrayList<>();
    private final List<List<Action>> scheduled = new CopyOnWriteArrayList<>();

    /** Stand-in only: Jenkins' constructor is {@code Job(ItemGroup parent, String name)}. */
    protected Job(String fullName) {
        super(fullName);
    }

    /** Newest first, as Jenkins returns them. */
    public RunList<RunT> getBuilds() {
        List<RunT> newestFirst = new ArrayList<>(builds);
        java.util.Collections.reverse(newestFirst);
        return new RunList<>(newestFirst);
    }

    /** Stand-in only: what Jenkins' build history holds. */
    protected void standInAddBuild(RunT run) {
        builds.add(run);
    }

    /** Stand-in only: what the queue received for this job (see ParameterizedJobMixIn.scheduleBuild2). */
    public List<List<Action>> standInScheduled() {
        return List.copyOf(scheduled);
    }

    void standInSchedule(List<Action> actions) {
        scheduled.add(actions);
    }
}
