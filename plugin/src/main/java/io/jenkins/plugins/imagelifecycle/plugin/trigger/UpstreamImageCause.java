package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import hudson.model.Cause;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamChanges;
import java.util.List;
import java.util.stream.Collectors;

/** Why the upstream trigger started a build: each reference with its old and new digest. */
public class UpstreamImageCause extends Cause {
    private final List<UpstreamChanges.Change> changes;

    public UpstreamImageCause(List<UpstreamChanges.Change> changes) {
        this.changes = List.copyOf(changes);
    }

    public List<UpstreamChanges.Change> getChanges() {
        return changes;
    }

    @Override
    public String getShortDescription() {
        return "Started by an upstream image change: " + changes.stream()
                .map(c -> c.reason() + " " + c.ref() + " " + shorten(c.previous()) + " → " + shorten(c.current()))
                .collect(Collectors.joining("; "));
    }

    private static String shorten(String digest) {
        return digest == null ? "(none)" : digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
