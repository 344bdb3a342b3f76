package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.util.List;

/** A build's result, as an agent reported it, that the controller's own view contradicts: nothing of it is recorded. */
public final class AgentResultRefusedException extends OperationFailedException {
    private static final long serialVersionUID = 1L;
    private final List<String> mismatches;

    AgentResultRefusedException(String target, List<String> mismatches) {
        super("The agent's result for " + target + " was refused, nothing recorded: " + String.join("; ", mismatches));
        this.mismatches = List.copyOf(mismatches);
    }

    public List<String> mismatches() {
        return mismatches;
    }
}
