package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.util.List;
import io.jenkins.plugins.imagelifecycle.support.Json;

/** The JSON shapes of catalog records on the command line. */
final class ImageJson {
    private ImageJson() {
    }

    static ObjectNode image(ImageRecord image) {
        try (TokenBuffer tree = new TokenBuffer(Json.MAPPER, false)) {
            tree.writeStartObject();
            writeImageFields(image, tree);
            tree.writeEndObject();
            return Json.MAPPER.readTree(tree.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record's keys, written straight to a generator: status writes 100,000 of them without building trees. */
    static void writeImageFields(ImageRecord image, JsonGenerator json) throws IOException {
        json.writeStringField("ref", image.displayRef());
        json.writeStringField("digest", image.digest());
        json.writeStringField("pinned", image.repository() + "@" + image.digest());
        json.writeStringField("repository", image.repository());
        strings("tags", image.tags(), json);
        json.writeStringField("role", image.role().id());
        json.writeStringField("stage", image.stage().id());
        json.writeStringField("parent", image.parentDigest());
        json.writeStringField("base", image.baseRef());
        json.writeStringField("baseDigest", image.baseDigest());
        json.writeStringField("created", image.createdAt().toString());
        json.writeStringField("eol", image.eolDate() == null ? null : image.eolDate().toString());
        json.writeStringField("sourceCommit", image.sourceCommit());
        json.writeStringField("builtBy", image.builtBy());
    }

    /**
     * An image as {@code status --json} shows it: the record's keys, then where it stands and its
     * computed flags (docs/cli-json.md lists every key); the caller writes the keys that follow and closes the object.
     */
    static void writeStanding(ImageRecord image, List<String> environments, List<String> outdatedReasons, JsonGenerator json)
            throws IOException {
        json.writeStartObject();
        writeImageFields(image, json);
        strings("environments", environments, json);
        json.writeBooleanField("outdated", !outdatedReasons.isEmpty());
        strings("outdatedReasons", outdatedReasons, json);
        json.writeBooleanField("deprecated", image.stage() == Stage.DEPRECATED);
        json.writeBooleanField("retired", image.stage() == Stage.RETIRED);
    }

    static void strings(String name, List<String> values, JsonGenerator json) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /** The flags of an image as lines for people: outdated (with each reason), deprecated (with its end of life); retired is its stage. */
    static List<String> flags(ImageRecord image, List<String> outdatedReasons) {
        List<String> flags = new java.util.ArrayList<>();
        outdatedReasons.forEach(r -> flags.add("outdated: " + r));
        if (image.stage() == Stage.DEPRECATED) {
            flags.add("deprecated: end of life " + (image.eolDate() == null ? "not set" : image.eolDate()));
        }
        return flags;
    }

    static ObjectNode event(LifecycleEvent e) {
        ObjectNode json = Json.object();
        json.put("id", e.id());
        json.put("at", e.at().toString());
        json.put("actor", e.actor());
        json.put("action", e.action());
        json.put("digest", e.digest());
        json.put("ref", e.ref());
        json.put("from", e.fromStage() == null ? null : e.fromStage().id());
        json.put("to", e.toStage() == null ? null : e.toStage().id());
        json.put("reason", e.reason());
        if (e.details() != null) {
            json.set("details", Json.read(e.details()));
        }
        return json;
    }

    static String shortDigest(String digest) {
        if (digest == null) {
            return "-";
        }
        int colon = digest.indexOf(':');
        return digest.substring(colon + 1, Math.min(digest.length(), colon + 13));
    }
}
