// Stand-in only (no such class in Jenkins): hands what ParameterizedJobMixIn schedules to the stand-in Job.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Job;
import java.util.List;

final class StandInQueue {
    private StandInQueue() {
    }

    static void schedule(Job<?, ?> job, List<Action> actions) {
        try {
            var method = Job.class.getDeclaredMethod("standInSchedule", List.class);
            method.setAccessible(true);
            method.invoke(job, actions);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
