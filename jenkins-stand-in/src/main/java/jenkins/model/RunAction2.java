// Compile-only stand-in of jenkins.model.RunAction2 (Jenkins 2.479.3); never shipped.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {
    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
