package io.jenkins.plugins.imagelifecycle.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore;
import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.ReadAhead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
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
    public static final String SCHEMA = "image-lifecycle-view/v2";
    /** One image's events, which a served document leaves out ({@link #history}). */
    public static final String HISTORY_SCHEMA = "image-lifecycle-view-history/v2";

    private LifecycleView() {
    }

    /** Where each image's events are: a served page asks for one image's, a self-contained report has no one to ask. */
    public enum History {
        /** Each entry has its {@code history} array: the self-contained report. */
        INLINE,
        /**
         * No entry has one and no event is read: pages served with {@link #history} beside them (100,000 images' whole
         * histories were 300,000 events, most of the reading and most of the document's 130 MB).
         */
        ON_DEMAND
    }

    /** Images read and written at a time: the listing holds one page of full records, never the whole catalog. */
    static final int PAGE = 500;

    public static ObjectNode of(Catalog catalog, List<String> environmentOrder, History history) {
        return of(catalog, environmentOrder, digest -> true, history);
    }

    /** The whole document as a tree, for callers that need one (tests, small views); servers {@link #write} it. */
    public static ObjectNode of(Catalog catalog, List<String> environmentOrder, Predicate<String> include, History history) {
        try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
            write(catalog, environmentOrder, include, history, buffer);
            return Json.MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Streams the document to {@code out}: the images a page at a time with their test runs, contents and events read
     * in batches, the next page read while one is written ({@link ReadAhead}), so that 100,000 images are written in
     * bounded memory; lineage rows (no tags, no provenance) are the only thing held for every image, for the outdated
     * flags, the edges and each family's newest versions.
     *
     * @param include which images to show, by digest (a run's images, a job's images); their ancestors are added for lineage
     * @param history whether each entry carries its events or the page asks for them ({@link #history})
     */
    public static void write(Catalog catalog, List<String> environmentOrder, Predicate<String> include, History history,
                             JsonGenerator out) throws IOException {
        ViewWriter writer = new ViewWriter(out);
        ReadAhead.<ViewPart>run("lifecycle view reader", 2, parts -> catalog.read(c -> {
            read(catalog, environmentOrder, include, history, parts);
            return null;
        }), writer::write);
        out.flush();
    }

    /** The document's parts in the order they are written, read in one snapshot on the reading thread. */
    private static void read(Catalog catalog, List<String> environmentOrder, Predicate<String> include, History history,
                             ReadAhead.HandOver<ViewPart> parts) {
        List<LineageRow> lineage = new EndOfLifeStore(catalog).all();
        Map<String, LineageRow> byDigest = new HashMap<>();
        lineage.forEach(i -> byDigest.put(i.digest(), i));
        Set<String> shown = new HashSet<>();
        for (LineageRow i : lineage) {
            if (include.test(i.digest())) {
                for (LineageRow a = i; a != null && shown.add(a.digest()); a = a.parentDigest() == null ? null : byDigest.get(a.parentDigest())) {
                    // adds the image and its ancestors
                }
            }
        }
        EnvironmentStates environments = EnvironmentStates.of(catalog);
        Set<String> envNames = new LinkedHashSet<>(environmentOrder);
        for (LineageRow i : lineage) {
            envNames.addAll(environments.environments(i.digest()));
        }
        Images images = new Images(catalog, environments, new OutdatedReasons(lineage), new Vulnerabilities(catalog),
                FamilyVersions.of(lineage), history);
        parts.accept(new ViewPart.Start(List.copyOf(envNames), images));
        catalog.eachImagePageWithActivity(PAGE, history == History.INLINE ? Catalog.ListedEvents.READ : Catalog.ListedEvents.NOT_READ,
                page -> parts.accept(images.read(shown(page, shown))));
        List<LineageRow> shownRows = lineage.stream().filter(i -> shown.contains(i.digest())).toList();
        Set<String> families = new TreeSet<>();
        shownRows.forEach(i -> families.add(i.repository()));
        ObjectNode timelines = Json.object();
        timelines(catalog, envNames, families, timelines);
        parts.accept(new ViewPart.End(shownRows, byDigest.keySet(), List.copyOf(families), timelines));
    }

    /**
     * The events of one image that a page of {@code include} shows (an image it includes, or an ancestor of one, as
     * {@link #write} adds them), or empty when the catalog has no such image or that page does not show it.
     *
     * @throws BadInputException when {@code digest} is not a digest ({@code sha256:…} or {@code sha512:…}; the message names it)
     */
    public static Optional<ImageHistory> history(Catalog catalog, String digest, Predicate<String> include) {
        String image = Digest.parse(digest).toString();
        return catalog.read(c -> {
            if (catalog.find(image).isEmpty()
                    || !include.test(image) && catalog.descendants(image).stream().noneMatch(d -> include.test(d.digest()))) {
                return Optional.empty();
            }
            return Optional.of(new ImageHistory(image, catalog.history(image)));
        });
    }

    /** The page without the images not shown (those of other runs or jobs, not ancestors of theirs). */
    private static Catalog.ImageActivityPage shown(Catalog.ImageActivityPage page, Set<String> shown) {
        return new Catalog.ImageActivityPage(page.images().stream().filter(i -> shown.contains(i.digest())).toList(),
                page.histories(), page.tests(), page.contents());
    }

    /** Stints shown per environment: the page is a view of now, history --env has them all. */
    private static final int TIMELINE_LIMIT = 50;

    /** Per environment, the newest stints first, of the families shown: who put each digest there and how it left. */
    private static void timelines(Catalog catalog, Set<String> envNames, Set<String> families, ObjectNode out) {
        for (String env : envNames) {
            ArrayNode list = out.putArray(env);
            for (EnvironmentTimeline.Stint s : EnvironmentTimeline.newest(catalog, env, families::contains, TIMELINE_LIMIT)) {
                list.add(StintJson.of(s));
            }
        }
    }
}
