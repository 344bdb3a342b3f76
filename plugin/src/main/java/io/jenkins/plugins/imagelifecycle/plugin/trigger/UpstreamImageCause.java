package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import hudson.model.Cause;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamChanges;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Why the upstream trigger started a build: each reference with its old and new digest. Kept in build.xml,
 * so it holds plain strings of the plugin's own type (Jenkins' XStream neither trusts core's classes nor
 * reads records).
 */
public class UpstreamImageCause extends Cause {
    private final List<Change> changes;

    public UpstreamImageCause(List<UpstreamChanges.Change> changes) {
        // an ArrayList: XStream cannot read back the JDK's immutable lists (List.of, toList()) on Java 17
        this.changes = new ArrayList<>(changes.stream().map(c -> new Change(c.ref(), c.previous(), c.current(), c.reason())).toList());
    }

    public List<Change> getChanges() {
        return List.copyOf(changes);
    }

    @Override
    public String getShortDescription() {
        return "Started by an upstream image change: " + changes.stream()
                .map(c -> c.current == null || c.current.isEmpty() ? c.reason + " in " + c.ref + " " + shorten(c.previous)
                        : c.reason + " " + c.ref + " " + shorten(c.previous) + " → " + shorten(c.current))
                .collect(Collectors.joining("; "));
    }

    private static String shorten(String digest) {
        return digest == null || digest.isEmpty() ? "(none)" : digest.length() > 19 ? digest.substring(0, 19) : digest;
    }

    /** One reference that moved: from {@code previous} to {@code current}, and why it counts. */
    public static final class Change {
        private final String ref;
        private final String previous;
        private final String current;
        private final String reason;

        Change(String ref, String previous, String current, String reason) {
            this.ref = ref;
            this.previous = previous;
            this.current = current;
            this.reason = reason;
        }

        public String getRef() {
            return ref;
        }

        public String getPrevious() {
            return previous;
        }

        public String getCurrent() {
            return current;
        }

        public String getReason() {
            return reason;
        }
    }
}
