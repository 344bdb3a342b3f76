package io.jenkins.plugins.imagelifecycle.view;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.catalog.TestRunTally;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.releasenotes.CommitLog;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesMarkdown;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesOperation;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The view's image entries, a page at a time: each page's test runs, contents and (inline only) events are read in a
 * few batched queries (one query per image made a catalog of 100,000 images take minutes) on the reading thread, then
 * each entry is written straight to the generator (no tree) on the writing thread and dropped.
 */
final class Images {
    private final Catalog catalog;
    private final EnvironmentStates environments;
    private final OutdatedReasons outdated;
    private final Vulnerabilities vulnerabilities;
    private final FamilyVersions versions;
    private final LifecycleView.History history;

    Images(Catalog catalog, EnvironmentStates environments, OutdatedReasons outdated, Vulnerabilities vulnerabilities,
           FamilyVersions versions, LifecycleView.History history) {
        this.catalog = catalog;
        this.environments = environments;
        this.outdated = outdated;
        this.vulnerabilities = vulnerabilities;
        this.versions = versions;
        this.history = history;
    }

    /** A page of images with what the view shows beside each, read on the reading thread. */
    record Page(List<ImageRecord> images, Map<String, List<LifecycleEvent>> histories, Map<String, TestRunTally> tests,
                Map<String, ContentsStore.Summary> contents, Map<String, ReleaseNotes> releaseNotes) implements ViewPart {
    }

    /** The page's release notes (the catalog's reads, on the reading thread) beside what the listing read with it. */
    Page read(Catalog.ImageActivityPage page) {
        Map<String, ReleaseNotes> notes = new HashMap<>();
        for (ImageRecord i : page.images()) {
            ContentsStore.Summary summary = page.contents().get(i.digest());
            if (summary != null && summary.readable() && versions.amongNewest(i.digest())) {
                releaseNotes(i).ifPresent(n -> notes.put(i.digest(), n));
            }
        }
        return new Page(page.images(), page.histories(), page.tests(), page.contents(), notes);
    }

    /** The page's entries, on the writing thread: nothing here reads the catalog. */
    void write(Page page, JsonGenerator out) throws IOException {
        for (ImageRecord i : page.images()) {
            out.writeStartObject();
            entry(i, page.tests().get(i.digest()), out);
            contents(page.contents().get(i.digest()), page.releaseNotes().get(i.digest()), out);
            if (history == LifecycleView.History.INLINE) {
                ImageHistory.writeEvents(page.histories().getOrDefault(i.digest(), List.of()), out);
            }
            out.writeFieldName("verification");
            out.writeStartObject();
            for (Map.Entry<String, String> state : environments.verification(i.digest()).entrySet()) {
                out.writeStringField(state.getKey(), state.getValue());
            }
            out.writeEndObject();
            vulnerability(i.digest(), out);
            out.writeEndObject();
        }
    }

    private void entry(ImageRecord i, TestRunTally tests, JsonGenerator out) throws IOException {
        List<String> outdatedReasons = outdated.reasons(i.digest());
        int colon = i.digest().indexOf(':');
        out.writeStringField("digest", i.digest());
        out.writeStringField("shortDigest", i.digest().substring(colon + 1, Math.min(i.digest().length(), colon + 13)));
        out.writeStringField("role", i.role().id());
        out.writeStringField("family", i.repository());
        strings("tags", i.tags(), out);
        out.writeStringField("created", i.createdAt().toString());
        out.writeStringField("stage", i.stage().id());
        strings("environments", environments.environments(i.digest()), out);
        out.writeStringField("parent", i.parentDigest());
        out.writeStringField("eol", i.eolDate() == null ? null : i.eolDate().toString());
        out.writeBooleanField("retired", i.stage() == Stage.RETIRED);
        out.writeBooleanField("outdated", !outdatedReasons.isEmpty());
        strings("outdatedReasons", outdatedReasons, out);
        out.writeObjectFieldStart("provenance");
        out.writeStringField("baseRef", i.baseRef());
        out.writeStringField("baseDigest", i.baseDigest());
        out.writeStringField("sourceCommit", i.sourceCommit());
        out.writeStringField("builtBy", i.builtBy());
        out.writeEndObject();
        if (tests == null) {
            out.writeNullField("tests");
        } else {
            out.writeObjectFieldStart("tests");
            out.writeStringField("result", tests.result());
            out.writeNumberField("passed", tests.passed());
            out.writeNumberField("failed", tests.failed());
            out.writeStringField("at", tests.finishedAt().toString());
            out.writeNumberField("runs", tests.runs());
            out.writeEndObject();
        }
    }

    private static void strings(String name, List<String> values, JsonGenerator out) throws IOException {
        out.writeArrayFieldStart(name);
        for (String v : values) {
            out.writeString(v);
        }
        out.writeEndArray();
    }

    /** The computed flag beside outdated, and the open findings behind it. */
    private void vulnerability(String digest, JsonGenerator out) throws IOException {
        out.writeBooleanField("vulnerable", vulnerabilities.vulnerable(digest));
        out.writeStringField("vulnerableSeverity", vulnerabilities.highestSeverity(digest));
        out.writeArrayFieldStart("findings");
        for (var f : vulnerabilities.findings(digest)) {
            out.writeStartObject();
            out.writeStringField("advisory", f.advisory());
            out.writeStringField("package", f.packageName());
            out.writeStringField("installed", f.installedVersion());
            out.writeStringField("fixed", f.fixedVersion());
            out.writeStringField("severity", f.severity());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /** The OS and counts of what the image carries, and its release notes against the previous version of its family. */
    private static void contents(ContentsStore.Summary summary, ReleaseNotes notes, JsonGenerator out) throws IOException {
        if (summary == null) {
            out.writeNullField("contents");
        } else if (!summary.readable()) {
            out.writeObjectFieldStart("contents");
            out.writeStringField("failure", summary.failure());
            out.writeEndObject();
        } else {
            out.writeObjectFieldStart("contents");
            out.writeStringField("os", summary.os().prettyName() == null ? summary.os().id() : summary.os().prettyName());
            out.writeNumberField("packages", summary.packageCount());
            out.writeNumberField("files", summary.fileCount());
            out.writeNumberField("layers", summary.layers().size());
            out.writeEndObject();
        }
        if (notes == null) {
            out.writeNullField("releaseNotes");
        } else {
            out.writeObjectFieldStart("releaseNotes");
            out.writeStringField("since", notes.since().digest());
            out.writeStringField("markdown", ReleaseNotesMarkdown.render(notes));
            out.writeEndObject();
        }
    }

    private Optional<ReleaseNotes> releaseNotes(ImageRecord image) {
        return versions.previous(image.digest()).flatMap(catalog::find)
                .flatMap(previous -> new ReleaseNotesOperation(catalog, unread -> { }).betweenWhenKnown(image, previous, CommitLog.NONE));
    }
}
