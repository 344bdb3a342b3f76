package io.jenkins.plugins.imagelifecycle.advisories;

import java.time.Instant;
import java.util.List;

/**
 * An advisory in the OSV format (schema 1.6), the parts matching needs: which packages of which ecosystems
 * it affects, in which versions.
 *
 * @param withdrawn when the advisory was withdrawn, or null
 * @param document  the advisory's JSON as imported
 */
public record OsvAdvisory(String id, Instant modified, Instant withdrawn, List<String> aliases, String summary, Severity severity,
                          List<Affected> affected, String document) {
    public OsvAdvisory {
        aliases = List.copyOf(aliases);
        affected = List.copyOf(affected);
    }

    /** One affected package: its OSV ecosystem ({@code Debian:12}) and name, its ranges and explicit versions. */
    public record Affected(String ecosystem, String name, List<Range> ranges, List<String> versions) {
        public Affected {
            ranges = List.copyOf(ranges);
            versions = List.copyOf(versions);
        }
    }

    /** A range of type {@code ECOSYSTEM} (others, {@code GIT} and {@code SEMVER}, do not name distribution versions). */
    public record Range(String type, List<Event> events) {
        public Range {
            events = List.copyOf(events);
        }
    }

    /** {@code introduced}, {@code fixed}, {@code last_affected} or {@code limit}, with its version. */
    public record Event(String kind, String version) {
    }
}
