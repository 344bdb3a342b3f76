package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.view.OutdatedReasons;
import io.jenkins.plugins.imagelifecycle.view.Vulnerabilities;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.view.EnvironmentStates;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.NotClosingWriter;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.imagelifecycle.catalog.EndOfLifeStore;
import io.jenkins.plugins.imagelifecycle.catalog.LineageRow;
import java.util.List;
import java.util.function.IntConsumer;
import io.jenkins.plugins.imagelifecycle.support.ReadAhead;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Every image in the catalog and where it stands.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** Images read from the catalog at a time: status lists any number of them in the memory of one page. */
    private static final int PAGE = 500;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (Catalog catalog = common.openCatalog()) {
            if (common.json) {
                writeJson(catalog, out);
                out.println();
                return ErrorHandler.OK;
            }
            eachImage(catalog, count -> {
                out.println("Catalog " + catalog.database().description() + ": " + count + " image(s)");
                out.printf("%-10s %-12s %-10s %-12s %-14s %s%n", "ROLE", "DIGEST", "STAGE", "PARENT", "ENVIRONMENTS", "REFERENCE");
            }, (i, standing) -> standing.print(i, out));
        }
        return ErrorHandler.OK;
    }

    /** Pages rendered at once beside the reading thread: two cores render while the catalog is read. */
    private static final int RENDERERS = 2;

    /**
     * The document {@code {"catalog": …, "images": [{…}, …]}}: each page of images is rendered to JSON text on one of
     * {@link #RENDERERS} threads while the next pages are read, and the pages are written in their order. Writing was
     * the slower half of the listing (100,000 images are 80 MB of JSON), and one thread did it all.
     */
    private static void writeJson(Catalog catalog, PrintWriter out) throws IOException {
        out.write("{\"catalog\":");
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(new NotClosingWriter(out))) {
            json.writeString(catalog.database().description());
        }
        out.write(",\"images\":[");
        java.util.concurrent.ExecutorService renderers = java.util.concurrent.Executors.newFixedThreadPool(RENDERERS, r -> {
            Thread t = new Thread(r, "status renderer");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.ArrayDeque<java.util.concurrent.Future<String>> rendering = new java.util.ArrayDeque<>();
            boolean[] first = {true};
            eachPage(catalog, part -> {
                rendering.add(renderers.submit(() -> render(part)));
                while (rendering.size() > RENDERERS) {
                    writeRendered(rendering.poll(), out, first);
                }
            });
            while (!rendering.isEmpty()) {
                writeRendered(rendering.poll(), out, first);
            }
        } finally {
            renderers.shutdownNow();
        }
        out.write("]}");
    }

    /** A page's entries as JSON text, comma-separated ({@code {…},{…}}), empty for a page without images. */
    private static String render(Part part) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter(part.page().size() * 900);
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(text)) {
            json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString(","));
            for (ImageRecord i : part.page()) {
                part.standings().write(i, json);
            }
        }
        return text.toString();
    }

    private static void writeRendered(java.util.concurrent.Future<String> page, PrintWriter out, boolean[] first) throws IOException {
        String entries;
        try {
            entries = page.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing the listing");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        if (entries.isEmpty()) {
            return;
        }
        if (!first[0]) {
            out.write(',');
        }
        first[0] = false;
        out.write(entries);
    }

    @FunctionalInterface
    private interface Listing {
        void image(ImageRecord image, Standings standings) throws IOException;
    }

    /** A page of images with the flags computed for them all; the first part, without images, carries their number. */
    private record Part(Standings standings, int count, List<ImageRecord> page) {
    }

    /**
     * Every image, oldest first, a page at a time, in one snapshot with the flags computed from it; the header gets
     * their number. The next page is read while one is written ({@link ReadAhead}).
     */
    private static void eachImage(Catalog catalog, IntConsumer header, Listing listing) throws IOException {
        eachPage(catalog, part -> {
            if (part.count() >= 0) {
                header.accept(part.count());
            }
            for (ImageRecord i : part.page()) {
                listing.image(i, part.standings());
            }
        });
    }

    /** The parts of {@link #eachImage}, each handed to {@code sink} on the calling thread. */
    private static void eachPage(Catalog catalog, ReadAhead.Sink<Part> sink) throws IOException {
        ReadAhead.<Part>run("status reader", 2, parts -> catalog.read(c -> {
            List<LineageRow> lineage = new EndOfLifeStore(catalog).all();
            Standings standings = new Standings(new OutdatedReasons(lineage), new Vulnerabilities(catalog), EnvironmentStates.of(catalog));
            parts.accept(new Part(standings, lineage.size(), List.of()));
            catalog.eachImagePage(PAGE, page -> parts.accept(new Part(standings, -1, page)));
            return null;
        }), sink);
    }

    /** What status shows beside each record: where it stands and its computed flags. */
    private record Standings(OutdatedReasons outdated, Vulnerabilities vulnerabilities, EnvironmentStates environments) {
        void write(ImageRecord i, JsonGenerator json) throws IOException {
            ImageJson.writeStanding(i, environments.environments(i.digest()), outdated.reasons(i.digest()), json);
            json.writeObjectFieldStart("verification");
            for (var state : environments.verification(i.digest()).entrySet()) {
                json.writeStringField(state.getKey(), state.getValue());
            }
            json.writeEndObject();
            json.writeBooleanField("vulnerable", vulnerabilities.vulnerable(i.digest()));
            json.writeStringField("vulnerableSeverity", vulnerabilities.highestSeverity(i.digest()));
            ImageJson.strings("advisories", vulnerabilities.advisories(i.digest()), json);
            json.writeEndObject();
        }

        void print(ImageRecord i, PrintWriter out) {
            String envs = environments.labels(i.digest());
            out.printf("%-10s %-12s %-10s %-12s %-14s %s%n", i.role().id(), ImageJson.shortDigest(i.digest()),
                    i.stage().id(), ImageJson.shortDigest(i.parentDigest()), envs.isEmpty() ? "-" : envs,
                    i.displayRef());
            for (String flag : ImageJson.flags(i, outdated.reasons(i.digest()))) {
                out.println("           " + flag);
            }
            if (vulnerabilities.vulnerable(i.digest())) {
                out.println("           vulnerable (" + vulnerabilities.highestSeverity(i.digest()) + "): "
                        + String.join(", ", vulnerabilities.advisories(i.digest())));
            }
        }
    }
}
