package io.jenkins.plugins.imagelifecycle.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a distribution registry notification envelope ({@code {"events":[…]}}, media type
 * {@code application/vnd.docker.distribution.events.v1+json}, v2 in distribution 3): each event's {@code id}
 * and {@code timestamp} (RFC 3339, which {@link NotificationReplayGuard} checks) and the reference a manifest
 * was pushed to by tag: {@code request.host/target.repository:target.tag}.
 */
public final class RegistryNotifications {
    public static final String MEDIA_TYPE_V1 = "application/vnd.docker.distribution.events.v1+json";
    public static final String MEDIA_TYPE_V2 = "application/vnd.docker.distribution.events.v2+json";

    private RegistryNotifications() {
    }

    public static boolean acceptsMediaType(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip();
        return type.equals(MEDIA_TYPE_V1) || type.equals(MEDIA_TYPE_V2) || type.equals("application/json");
    }

    /**
     * One event of an envelope.
     *
     * @param id        the registry's event id; blank when the event has none
     * @param timestamp when the registry says the event happened; null when it has none or it is not RFC 3339
     * @param pushedRef the reference a manifest was pushed to by tag, normalised; null for any other event
     */
    public record Event(String id, Instant timestamp, String pushedRef) {
    }

    /** The pushed references of {@code events}, in order, each once. */
    public static Set<String> pushedTags(List<Event> events) {
        Set<String> refs = new LinkedHashSet<>();
        events.stream().map(Event::pushedRef).filter(java.util.Objects::nonNull).forEach(refs::add);
        return refs;
    }

    /** @throws BadInputException when the body is not an envelope; its content is never put in the message */
    public static Set<String> pushedTags(String body) {
        return pushedTags(events(body));
    }

    /** @throws BadInputException when the body is not an envelope; its content is never put in the message */
    public static List<Event> events(String body) {
        JsonNode envelope;
        try {
            envelope = Json.read(body);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("notification body is not JSON");
        }
        JsonNode events = envelope.path("events");
        if (!events.isArray()) {
            throw new BadInputException("notification has no \"events\" array");
        }
        List<Event> read = new ArrayList<>();
        for (JsonNode event : events) {
            read.add(new Event(event.path("id").asText("").strip(), timestamp(event.path("timestamp").asText("")), pushedRef(event)));
        }
        return read;
    }

    private static String pushedRef(JsonNode event) {
        JsonNode target = event.path("target");
        String repository = target.path("repository").asText("");
        String tag = target.path("tag").asText("");
        String host = event.path("request").path("host").asText("");
        if (!"push".equals(event.path("action").asText()) || repository.isEmpty() || tag.isEmpty() || host.isEmpty()) {
            return null;
        }
        return WatchedRefs.normalise(host + "/" + repository + ":" + tag);
    }

    private static Instant timestamp(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
