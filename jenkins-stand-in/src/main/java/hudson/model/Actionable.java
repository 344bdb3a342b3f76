// Compile-only stand-in of hudson.model.Actionable (Jenkins 2.479.3; superclass AbstractModelObject omitted); never shipped.
package hudson.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public abstract class Actionable {
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    public void addAction(Action a) {
        actions.add(a);
        if (a instanceof jenkins.model.RunAction2 ra && this instanceof Run<?, ?> run) {
            ra.onAttached(run);
        }
    }

    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
