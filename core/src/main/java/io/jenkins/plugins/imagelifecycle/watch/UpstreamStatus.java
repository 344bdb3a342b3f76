package io.jenkins.plugins.imagelifecycle.watch;

import java.io.Serializable;
import java.time.Instant;

/**
 * What one check found for one tracked upstream reference.
 *
 * @param upstreamRef the base reference as bless recorded it
 * @param builtFrom   the base digest its newest blessed image was built from
 * @param current     the digest the reference points at now; null when unreachable
 * @param firstSeen   since when {@code current} has stood unchanged
 * @param state       unchanged, patched (counts), quiet (changed, waiting out the quiet period), unreachable
 * @param message     why, for a person
 */
public record UpstreamStatus(String upstreamRef, String builtFrom, String current, Instant firstSeen, State state,
                             String message) implements Serializable {
    /** The outcome of one reference's check. */
    public enum State { UNCHANGED, PATCHED, QUIET, UNREACHABLE }
}
