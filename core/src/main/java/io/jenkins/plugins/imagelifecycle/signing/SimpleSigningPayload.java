package io.jenkins.plugins.imagelifecycle.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/**
 * cosign's simple-signing payload: what an image signature says. {@code critical} names the repository
 * ({@code identity.docker-reference}), the manifest digest and the type; {@code optional} carries who made
 * it. Parsing is as strict as containers/image's: exactly those critical fields.
 */
public final class SimpleSigningPayload {
    public static final String TYPE = "cosign container image signature";
    public static final String MEDIA_TYPE = "application/vnd.dev.cosign.simplesigning.v1+json";

    /** What a payload claims, before anything is trusted. */
    public record Claims(String dockerReference, String manifestDigest, String builder) {
    }

    private SimpleSigningPayload() {
    }

    /** @param dockerReference the repository, without tag or digest, as cosign writes it */
    public static byte[] of(String dockerReference, String manifestDigest, String builder, Instant at) {
        ObjectNode payload = Json.object();
        ObjectNode critical = payload.putObject("critical");
        critical.putObject("identity").put("docker-reference", dockerReference);
        critical.putObject("image").put("docker-manifest-digest", manifestDigest);
        critical.put("type", TYPE);
        ObjectNode optional = payload.putObject("optional");
        optional.put("creator", "image-lifecycle");
        if (builder != null) {
            optional.put("builder", builder);
        }
        optional.put("timestamp", at.getEpochSecond());
        return Json.write(payload).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the claims, or null with {@code why[0]} set when this is not a simple-signing payload */
    public static Claims parse(byte[] payload, String[] why) {
        JsonNode json;
        try {
            json = Json.read(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            why[0] = "the payload is not JSON";
            return null;
        }
        JsonNode critical = json.path("critical");
        if (!exactly(json, Set.of("critical", "optional")) || !exactly(critical, Set.of("identity", "image", "type"))
                || !exactly(critical.path("identity"), Set.of("docker-reference"))
                || !exactly(critical.path("image"), Set.of("docker-manifest-digest"))) {
            why[0] = "the payload is not a simple-signing payload (critical must hold exactly identity, image and type)";
            return null;
        }
        if (!critical.path("type").asText().equals(TYPE)) {
            why[0] = "the payload's type is '" + critical.path("type").asText() + "', not '" + TYPE + "'";
            return null;
        }
        JsonNode builder = json.path("optional").path("builder");
        return new Claims(critical.path("identity").path("docker-reference").asText(),
                critical.path("image").path("docker-manifest-digest").asText(), builder.isTextual() ? builder.asText() : null);
    }

    private static boolean exactly(JsonNode node, Set<String> fields) {
        if (!node.isObject() || node.size() != fields.size()) {
            return false;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!fields.contains(names.next())) {
                return false;
            }
        }
        return true;
    }
}
