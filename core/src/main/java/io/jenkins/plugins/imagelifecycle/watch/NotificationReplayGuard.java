package io.jenkins.plugins.imagelifecycle.watch;

import io.jenkins.plugins.imagelifecycle.config.Durations;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops registry notification events that were already received or are not recent. A webhook authenticated
 * by a static header (all that distribution's endpoints can send) can be replayed by whoever saw one
 * delivery; each event carries an id and a timestamp, so an event whose id was seen, or whose timestamp is
 * further than the window from now (either way: clocks drift), is refused. Ids are remembered only as long as
 * their event could still pass the window, and at most {@code capacity} of them (the oldest go first), so
 * memory stays bounded whatever is sent. An event without an id or a timestamp refuses the whole delivery:
 * distribution always sends both, and accepting events without them would switch the check off.
 */
public final class NotificationReplayGuard {
    /** The window when the configuration names none. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Clock clock;
    private final Map<String, Instant> seen;

    public NotificationReplayGuard(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > NotificationReplayGuard.this.capacity;
            }
        };
    }

    /**
     * What passed and what was refused, with one reason per refused event.
     *
     * @param fresh   events neither seen before nor outside the window: they are now remembered
     * @param refused why each other event was dropped
     */
    public record Admission(List<RegistryNotifications.Event> fresh, List<String> refused) {
    }

    /**
     * @throws BadInputException when an event has no id or no RFC 3339 timestamp (nothing is remembered then)
     */
    public synchronized Admission admit(List<RegistryNotifications.Event> events, Duration window) {
        Instant now = clock.instant();
        for (int i = 0; i < events.size(); i++) {
            RegistryNotifications.Event event = events.get(i);
            if (event.id().isEmpty()) {
                throw new BadInputException("notification event " + (i + 1) + " has no id; expected distribution's event id");
            }
            if (event.timestamp() == null) {
                throw new BadInputException("notification event " + event.id() + " has no RFC 3339 timestamp");
            }
        }
        forgetOlderThan(now.minus(window));
        List<RegistryNotifications.Event> fresh = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<String> inThisDelivery = new HashSet<>();
        for (RegistryNotifications.Event event : events) {
            if (Duration.between(event.timestamp(), now).abs().compareTo(window) > 0) {
                refused.add("event " + event.id() + " is stamped " + event.timestamp() + ", outside the accepted "
                        + Durations.format(window) + " around now (" + now + ")");
            } else if (seen.containsKey(event.id()) || !inThisDelivery.add(event.id())) {
                refused.add("event " + event.id() + " was already received (a replay)");
            } else {
                fresh.add(event);
            }
        }
        fresh.forEach(event -> seen.put(event.id(), event.timestamp()));
        return new Admission(List.copyOf(fresh), List.copyOf(refused));
    }

    /** How many ids are remembered now. */
    public synchronized int remembered() {
        return seen.size();
    }

    /** An id stamped before {@code limit} can no longer pass the window: its memory is not needed. */
    private void forgetOlderThan(Instant limit) {
        seen.values().removeIf(stamp -> stamp.isBefore(limit));
    }
}
