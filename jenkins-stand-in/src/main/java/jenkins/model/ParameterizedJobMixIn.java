// Compile-only stand-in of jenkins.model.ParameterizedJobMixIn (Jenkins 2.479.3; only the static scheduleBuild2); never shipped.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Queue;
import java.util.List;

public abstract class ParameterizedJobMixIn {
    public static Queue.Item scheduleBuild2(final Job<?, ?> job, int quietPeriod, Action... actions) {
        StandInQueue.schedule(job, List.of(actions));
        return new Queue.Item() {
        };
    }
}
