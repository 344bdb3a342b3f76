package io.jenkins.plugins.imagelifecycle.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads a distribution registry notification envelope ({@code {"events":[…]}}, media type
 * {@code application/vnd.docker.distribution.events.v1+json}, v2 in distribution 3) and returns the
 * references a manifest was pushed to by tag: {@code request.host/target.repository:target.tag}.
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

    /** @throws BadInputException when the body is not an envelope; its content is never put in the message */
    public static Set<String> pushedTags(String body) {
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
        Set<String> refs = new LinkedHashSet<>();
        for (JsonNode event : events) {
            JsonNode target = event.path("target");
            String repository = target.path("repository").asText("");
            String tag = target.path("tag").asText("");
            String host = event.path("request").path("host").asText("");
            if (!"push".equals(event.path("action").asText()) || repository.isEmpty() || tag.isEmpty() || host.isEmpty()) {
                continue;
            }
            String normalised = WatchedRefs.normalise(host + "/" + repository + ":" + tag);
            if (normalised != null) {
                refs.add(normalised);
            }
        }
        return refs;
    }
}
