package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode json = Json.object();
        json.put("ref", image.displayRef());
        json.put("digest", image.digest());
        json.put("pinned", image.repository() + "@" + image.digest());
        json.put("repository", image.repository());
        json.set("tags", Json.MAPPER.valueToTree(image.tags()));
        json.put("role", image.role().id());
        json.put("stage", image.stage().id());
        json.put("parent", image.parentDigest());
        json.put("base", image.baseRef());
        json.put("baseDigest", image.baseDigest());
        json.put("created", image.createdAt().toString());
        json.put("eol", image.eolDate() == null ? null : image.eolDate().toString());
        json.put("sourceCommit", image.sourceCommit());
        json.put("builtBy", image.builtBy());
        return json;
    }

    /**
     * An image as {@code status --json} shows it: the record's keys, then where it stands and its
     * computed flags (docs/cli-json.md lists every key).
     */
    static ObjectNode standing(ImageRecord image, List<String> environments, List<String> outdatedReasons) {
        ObjectNode json = image(image);
        json.set("environments", Json.MAPPER.valueToTree(environments));
        json.put("outdated", !outdatedReasons.isEmpty());
        json.set("outdatedReasons", Json.MAPPER.valueToTree(outdatedReasons));
        json.put("deprecated", image.stage() == Stage.DEPRECATED);
        json.put("retired", image.stage() == Stage.RETIRED);
        return json;
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
