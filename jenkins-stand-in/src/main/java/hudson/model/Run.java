// Compile-only stand-in of hudson.model.Run (Jenkins 2.479.3; interfaces omitted); never shipped.
package hudson.model;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    private final JobT project;
    private final int number;
    private final File rootDir;
    private final List<Cause> causes = new ArrayList<>();
    /** As Jenkins does: the time the build was scheduled, set when the run is made. */
    private final long timestamp = System.currentTimeMillis();

    protected Run(JobT job, int number, File rootDir) {
        this.project = job;
        this.number = number;
        this.rootDir = rootDir;
    }

    public JobT getParent() {
        return project;
    }

    public int getNumber() {
        return number;
    }

    public File getRootDir() {
        return rootDir;
    }

    public final long getTimeInMillis() {
        return timestamp;
    }

    public String getUrl() {
        return "job/" + project.getFullName().replace("/", "/job/") + "/" + number + "/";
    }

    public String getExternalizableId() {
        return project.getFullName() + "#" + number;
    }

    public String getFullDisplayName() {
        return project.getFullName() + " #" + number;
    }

    public <T extends Cause> T getCause(Class<T> type) {
        for (Cause c : causes) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Stand-in only: what Jenkins keeps in the run's CauseAction. */
    protected void standInAddCause(Cause cause) {
        causes.add(cause);
    }
}
