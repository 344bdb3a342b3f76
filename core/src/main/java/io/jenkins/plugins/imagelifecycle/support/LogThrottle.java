package io.jenkins.plugins.imagelifecycle.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * At most one log line per interval for something anyone can cause (a refused webhook request): the first one
 * of each interval is let through with the number held back since the last, the others go to a lower level.
 * Otherwise a sender could fill the controller's log at the rate it can send.
 */
public final class LogThrottle {
    private final Duration interval;
    private final Clock clock;
    private Instant last;
    private long heldBack;

    public LogThrottle(Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    /** @return how many were held back since the last line let through, when this one may be logged; empty when not */
    public synchronized OptionalLong admit() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.plus(interval))) {
            long held = heldBack;
            last = now;
            heldBack = 0;
            return OptionalLong.of(held);
        }
        heldBack++;
        return OptionalLong.empty();
    }
}
