package io.jenkins.plugins.imagelifecycle.view;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import java.io.IOException;
import java.util.List;

/**
 * One image's events, oldest first, as a served page's details fetch them ({@value LifecycleView#HISTORY_SCHEMA}): the
 * served view's document leaves them out, since every image's whole history made it a hundred megabytes.
 */
public record ImageHistory(String digest, List<LifecycleEvent> events) {
    public ImageHistory {
        events = List.copyOf(events);
    }

    /** {@code {"schema": …, "digest": …, "history": […]}}. */
    public void write(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("schema", LifecycleView.HISTORY_SCHEMA);
        out.writeStringField("digest", digest);
        writeEvents(events, out);
        out.writeEndObject();
        out.flush();
    }

    /** The {@code history} array: the same fields in this document and inline in a self-contained report's entries. */
    static void writeEvents(List<LifecycleEvent> events, JsonGenerator out) throws IOException {
        out.writeArrayFieldStart("history");
        for (LifecycleEvent e : events) {
            out.writeStartObject();
            out.writeStringField("at", e.at().toString());
            out.writeStringField("actor", e.actor());
            out.writeStringField("action", e.action());
            out.writeStringField("from", e.fromStage() == null ? null : e.fromStage().id());
            out.writeStringField("to", e.toStage() == null ? null : e.toStage().id());
            out.writeStringField("reason", e.reason());
            out.writeEndObject();
        }
        out.writeEndArray();
    }
}
