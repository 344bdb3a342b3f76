// Compile-only stand-in of hudson.model.CauseAction (Jenkins 2.479.3; FoldableAction and RunAction2 omitted); never shipped.
package hudson.model;

import java.util.List;

public class CauseAction implements Action {
    private final List<Cause> causes;

    public CauseAction(Cause c) {
        this.causes = List.of(c);
    }

    public List<Cause> getCauses() {
        return causes;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Cause";
    }

    @Override
    public String getUrlName() {
        return "cause";
    }
}
