// Compile-only stand-in of hudson.model.Job (Jenkins 2.479.3; getFullName is AbstractItem's, whose hierarchy is omitted); never shipped.
package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    private final String fullName;

    protected Job(String fullName) {
        this.fullName = fullName;
    }

    public final String getFullName() {
        return fullName;
    }
}
