package io.jenkins.plugins.imagelifecycle.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.model.TestRunRecord;
import io.jenkins.plugins.imagelifecycle.releasenotes.CommitLog;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotes;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesMarkdown;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesOperation;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The data the lifecycle view draws, built from the catalog: one versioned JSON document
 * ({@value #SCHEMA}, documented in docs/lifecycle-view.md) that the CLI's report and server and the
 * plugin's pages all serve.
 */
public final class LifecycleView {
    public static final String SCHEMA = "image-lifecycle-view/v1";
    /** How many of each family's newest images carry release notes in the view. */
    static final int RELEASE_NOTES_PER_FAMILY = 5;

    private LifecycleView() {
    }

    public static ObjectNode of(Catalog catalog, List<String> environmentOrder) {
        return of(catalog, environmentOrder, image -> true);
    }

    /** @param include which images to show (a run's images, a job's images); their ancestors are added for lineage */
    public static ObjectNode of(Catalog catalog, List<String> environmentOrder, Predicate<ImageRecord> include) {
        List<ImageRecord> all = catalog.images();
        Map<String, ImageRecord> byDigest = new HashMap<>();
        all.forEach(i -> byDigest.put(i.digest(), i));
        Set<String> shown = new LinkedHashSet<>();
        for (ImageRecord i : all) {
            if (include.test(i)) {
                for (ImageRecord a = i; a != null && shown.add(a.digest()); a = a.parentDigest() == null ? null : byDigest.get(a.parentDigest())) {
                    // adds the image and its ancestors
                }
            }
        }
        EnvironmentStates environments = EnvironmentStates.of(catalog);
        Set<String> envNames = new LinkedHashSet<>(environmentOrder);
        for (ImageRecord i : all) {
            envNames.addAll(environments.environments(i.digest()));
        }
        OutdatedReasons outdated = new OutdatedReasons(all);
        Vulnerabilities vulnerabilities = new Vulnerabilities(catalog);

        ObjectNode view = Json.object();
        view.put("schema", SCHEMA);
        view.put("generatedAt", Instant.now().toString());
        view.set("environments", Json.MAPPER.valueToTree(List.copyOf(envNames)));
        Set<String> families = new TreeSet<>();
        ArrayNode images = view.putArray("images");
        ArrayNode edges = view.putArray("edges");
        Set<String> upstreams = new TreeSet<>();
        for (ImageRecord i : all) {
            if (!shown.contains(i.digest())) {
                continue;
            }
            families.add(i.repository());
            ObjectNode node = image(catalog, all, i, environments.environments(i.digest()), outdated.reasons(i));
            node.set("verification", Json.MAPPER.valueToTree(environments.verification(i.digest())));
            vulnerability(node, vulnerabilities, i.digest());
            images.add(node);
            if (i.parentDigest() != null) {
                edges.addObject().put("from", i.parentDigest()).put("to", i.digest());
                if (!byDigest.containsKey(i.parentDigest())) {
                    upstreams.add(i.parentDigest() + " " + (i.baseRef() == null ? "" : i.baseRef()));
                }
            }
        }
        view.set("families", Json.MAPPER.valueToTree(List.copyOf(families)));
        timelines(catalog, envNames, families, view.putObject("timelines"));
        ArrayNode up = view.putArray("upstreams");
        for (String u : upstreams) {
            int space = u.indexOf(' ');
            up.addObject().put("digest", u.substring(0, space)).put("ref", u.substring(space + 1));
        }
        return view;
    }

    /** Stints shown per environment: the page is a view of now, history --env has them all. */
    private static final int TIMELINE_LIMIT = 50;

    /** Per environment, the newest stints first, of the families shown: who put each digest there and how it left. */
    private static void timelines(Catalog catalog, Set<String> envNames, Set<String> families, ObjectNode out) {
        for (String env : envNames) {
            List<EnvironmentTimeline.Stint> stints = EnvironmentTimeline.of(catalog, env, null).stream()
                    .filter(s -> families.contains(s.placement().family())).toList();
            ArrayNode list = out.putArray(env);
            for (int k = stints.size() - 1; k >= 0 && list.size() < TIMELINE_LIMIT; k--) {
                list.add(StintJson.of(stints.get(k)));
            }
        }
    }

    private static ObjectNode image(Catalog catalog, List<ImageRecord> all, ImageRecord i, List<String> envs,
                                    List<String> outdatedReasons) {
        ObjectNode n = Json.object();
        n.put("digest", i.digest());
        n.put("shortDigest", i.digest().substring(i.digest().indexOf(':') + 1, Math.min(i.digest().length(), i.digest().indexOf(':') + 13)));
        n.put("role", i.role().id());
        n.put("family", i.repository());
        n.set("tags", Json.MAPPER.valueToTree(i.tags()));
        n.put("created", i.createdAt().toString());
        n.put("stage", i.stage().id());
        n.set("environments", Json.MAPPER.valueToTree(envs));
        n.put("parent", i.parentDigest());
        n.put("eol", i.eolDate() == null ? null : i.eolDate().toString());
        n.put("retired", i.stage() == Stage.RETIRED);
        n.put("outdated", !outdatedReasons.isEmpty());
        n.set("outdatedReasons", Json.MAPPER.valueToTree(outdatedReasons));
        ObjectNode provenance = n.putObject("provenance");
        provenance.put("baseRef", i.baseRef()).put("baseDigest", i.baseDigest()).put("sourceCommit", i.sourceCommit())
                .put("builtBy", i.builtBy());
        List<TestRunRecord> runs = catalog.testRuns(i.digest());
        if (runs.isEmpty()) {
            n.putNull("tests");
        } else {
            TestRunRecord last = runs.get(runs.size() - 1);
            n.putObject("tests").put("result", last.result()).put("passed", last.passed()).put("failed", last.failed())
                    .put("at", last.finishedAt().toString()).put("runs", runs.size());
        }
        contents(catalog, all, i, n);
        ArrayNode history = n.putArray("history");
        for (LifecycleEvent e : catalog.history(i.digest())) {
            history.addObject().put("at", e.at().toString()).put("actor", e.actor()).put("action", e.action())
                    .put("from", e.fromStage() == null ? null : e.fromStage().id())
                    .put("to", e.toStage() == null ? null : e.toStage().id()).put("reason", e.reason());
        }
        return n;
    }

    /** The computed flag beside outdated, and the open findings behind it. */
    private static void vulnerability(ObjectNode n, Vulnerabilities v, String digest) {
        n.put("vulnerable", v.vulnerable(digest));
        n.put("vulnerableSeverity", v.highestSeverity(digest));
        ArrayNode findings = n.putArray("findings");
        for (var f : v.findings(digest)) {
            findings.addObject().put("advisory", f.advisory()).put("package", f.packageName()).put("installed", f.installedVersion())
                    .put("fixed", f.fixedVersion()).put("severity", f.severity());
        }
    }

    /**
     * Release notes compare two whole file manifests: the view carries them for the newest versions of each
     * family only, so that a catalog of thousands of images still draws at once (the CLI's release-notes
     * command answers for any image).
     */
    static boolean amongNewest(ImageRecord image, List<ImageRecord> all) {
        long newer = all.stream().filter(o -> o.repository().equals(image.repository()) && o.role() == image.role()
                && o.createdAt().isAfter(image.createdAt())).count();
        return newer < RELEASE_NOTES_PER_FAMILY;
    }

    /** The OS and counts of what the image carries, and its release notes against the previous version of its family. */
    private static void contents(Catalog catalog, List<ImageRecord> all, ImageRecord i, ObjectNode n) {
        Optional<ContentsStore.Summary> summary = new ContentsStore(catalog).summary(i.digest());
        if (summary.isEmpty()) {
            n.putNull("contents");
        } else if (!summary.get().readable()) {
            n.putObject("contents").put("failure", summary.get().failure());
        } else {
            ContentsStore.Summary s = summary.get();
            n.putObject("contents").put("os", s.os().prettyName() == null ? s.os().id() : s.os().prettyName())
                    .put("packages", s.packageCount()).put("files", s.fileCount()).put("layers", s.layers().size());
        }
        Optional<ReleaseNotes> notes = summary.filter(ContentsStore.Summary::readable).isEmpty() || !amongNewest(i, all)
                ? Optional.empty() : new ReleaseNotesOperation(catalog, image -> { }).againstPrevious(i, all, CommitLog.NONE);
        if (notes.isEmpty()) {
            n.putNull("releaseNotes");
        } else {
            n.putObject("releaseNotes").put("since", notes.get().since().digest()).put("markdown", ReleaseNotesMarkdown.render(notes.get()));
        }
    }
}
