// Compile-only stand-in of hudson.util.RunList (Jenkins 2.479.3); never shipped.
package hudson.util;

import hudson.model.Run;
import java.util.AbstractList;
import java.util.List;

public class RunList<R extends Run> extends AbstractList<R> {
    private final List<R> runs;

    /** Stand-in only: Jenkins builds RunLists from a job's build map. */
    public RunList(List<R> runs) {
        this.runs = List.copyOf(runs);
    }

    public RunList<R> limit(final int n) {
        return new RunList<>(runs.subList(0, Math.min(n, runs.size())));
    }

    @Override
    public R get(int index) {
        return runs.get(index);
    }

    @Override
    public int size() {
        return runs.size();
    }
}
