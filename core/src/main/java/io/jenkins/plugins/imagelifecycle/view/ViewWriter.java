package io.jenkins.plugins.imagelifecycle.view;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Writes the view's document ({@value LifecycleView#SCHEMA}) from its parts as they arrive, on the writing thread. */
final class ViewWriter {
    private final JsonGenerator out;
    private Images images;

    ViewWriter(JsonGenerator out) {
        this.out = out;
    }

    void write(ViewPart part) throws IOException {
        if (part instanceof ViewPart.Start start) {
            start(start);
        } else if (part instanceof Images.Page page) {
            images.write(page, out);
        } else {
            end((ViewPart.End) part);
        }
    }

    private void start(ViewPart.Start start) throws IOException {
        images = start.images();
        out.writeStartObject();
        out.writeStringField("schema", LifecycleView.SCHEMA);
        out.writeStringField("generatedAt", Instant.now().toString());
        out.writeArrayFieldStart("environments");
        for (String env : start.environments()) {
            out.writeString(env);
        }
        out.writeEndArray();
        out.writeArrayFieldStart("images");
    }

    /** Closes the images, then the edges between those shown, the families, the timelines and the upstream bases. */
    private void end(ViewPart.End end) throws IOException {
        out.writeEndArray();
        Set<String> upstreams = new TreeSet<>();
        out.writeArrayFieldStart("edges");
        for (LineageRow i : end.shown()) {
            if (i.parentDigest() != null) {
                out.writeStartObject();
                out.writeStringField("from", i.parentDigest());
                out.writeStringField("to", i.digest());
                out.writeEndObject();
                if (!end.known().contains(i.parentDigest())) {
                    upstreams.add(i.parentDigest() + " " + (i.baseRef() == null ? "" : i.baseRef()));
                }
            }
        }
        out.writeEndArray();
        out.writeArrayFieldStart("families");
        for (String family : end.families()) {
            out.writeString(family);
        }
        out.writeEndArray();
        out.writeFieldName("timelines");
        out.writeTree(end.timelines());
        out.writeArrayFieldStart("upstreams");
        for (String u : upstreams) {
            int space = u.indexOf(' ');
            out.writeStartObject();
            out.writeStringField("digest", u.substring(0, space));
            out.writeStringField("ref", u.substring(space + 1));
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
