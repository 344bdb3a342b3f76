package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.advisories.AdvisorySources;
import io.jenkins.plugins.imagelifecycle.advisories.OsvAdvisory;
import io.jenkins.plugins.imagelifecycle.advisories.OsvEcosystems;
import io.jenkins.plugins.imagelifecycle.advisories.OsvRanges;
import io.jenkins.plugins.imagelifecycle.advisories.ScannerReports;
import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import io.jenkins.plugins.imagelifecycle.contents.PackageVersions;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.releasenotes.ReleaseNotesOperation;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Advisories against the catalog's images: an import stores them and opens the findings they mean on every
 * image with contents (and closes those a withdrawal or a modification ends); a new image's contents are
 * matched against the advisories already stored. Every opening and closing is an event on the image.
 */
public final class AdvisoryOperation {
    public static final String OPENED = "finding-opened";
    public static final String CLOSED = "finding-closed";

    /** What an import did. */
    public record ImportSummary(int read, int stored, int replaced, int unchanged, int withdrawn, int unknownEcosystem,
                                List<String> skippedTooLarge, int opened, int closed) {
    }

    /** A finding about to be opened: the image, the advisory and the package in its affected version. */
    private record Match(String digest, OsvAdvisory advisory, String packageName, String installed, String fixed) {
        String key() {
            return digest + "\u0000" + advisory.id() + "\u0000" + packageName + "\u0000" + installed;
        }
    }

    /** Advisories matched together: their candidates are read in a few queries. */
    private static final int CHUNK = 500;
    private final Catalog catalog;
    private final Clock clock;

    public AdvisoryOperation(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Reads every source in full, then stores and matches all of it in one transaction: a bad file changes nothing. */
    public ImportSummary importAdvisories(List<Path> sources, String actor) {
        AdvisorySources.Read read = AdvisorySources.read(sources);
        Instant now = Instant.now(clock);
        AdvisoryStore store = new AdvisoryStore(catalog);
        return catalog.inTransaction(c -> {
            try (AdvisoryStore.Writes writes = new AdvisoryStore.Writes(c, read.advisories().stream().map(OsvAdvisory::id).toList())) {
                return importAll(c, store, writes, read, actor, now);
            }
        });
    }

    private ImportSummary importAll(Connection c, AdvisoryStore store, AdvisoryStore.Writes writes, AdvisorySources.Read read,
                                    String actor, Instant now) throws SQLException {
        int stored = 0;
        int replaced = 0;
        int unchanged = 0;
        int withdrawn = 0;
        int unknown = 0;
        int[] opened = {0};
        int[] closed = {0};
        // the images findings are opened on, read once: an import may open thousands on one image
        Map<String, Optional<ImageRecord>> images = new HashMap<>();
        List<OsvAdvisory> all = read.advisories();
        try (AdvisoryStore.FindingWrites findings = new AdvisoryStore.FindingWrites(c)) {
            // in chunks, so that the candidates of many advisories are read in a few queries
            for (int from = 0; from < all.size(); from += CHUNK) {
                Map<OsvAdvisory, AdvisoryStore.Stored> changed = new LinkedHashMap<>();
                for (OsvAdvisory a : all.subList(from, Math.min(all.size(), from + CHUNK))) {
                    if (a.affected().stream().noneMatch(x -> OsvEcosystems.packageType(x.ecosystem()) != null)) {
                        unknown++;
                        continue;
                    }
                    AdvisoryStore.Stored outcome = writes.store(c, a, now);
                    switch (outcome) {
                        case NEW -> stored++;
                        case REPLACED -> replaced++;
                        default -> unchanged++;
                    }
                    if (outcome != AdvisoryStore.Stored.UNCHANGED) {
                        changed.put(a, outcome);
                    }
                }
                Map<String, Map<String, List<AdvisoryStore.Candidate>>> candidates = candidates(c, store, changed.keySet());
                for (Map.Entry<OsvAdvisory, AdvisoryStore.Stored> e : changed.entrySet()) {
                    OsvAdvisory a = e.getKey();
                    // a new advisory has no findings yet: the lookup is for one that replaces or withdraws
                    List<Finding> open = e.getValue() == AdvisoryStore.Stored.NEW ? List.of() : store.openFindings(c, "advisory_id", a.id());
                    List<Match> matched = a.withdrawn() != null ? List.of() : matches(a, candidates);
                    if (a.withdrawn() != null) {
                        withdrawn++;
                    }
                    String reason = a.withdrawn() != null ? "advisory " + a.id() + " withdrawn" : "advisory " + a.id() + " modified "
                            + a.modified();
                    reconcile(c, store, findings, images, open, matched, actor, "import of " + a.id(), reason, now, opened, closed);
                }
                findings.flush();
            }
        }
        return new ImportSummary(all.size(), stored, replaced, unchanged, withdrawn, unknown, read.skippedTooLarge(),
                opened[0], closed[0]);
    }

    /**
     * The candidates of every package these advisories name, in the versions one of them affects: package
     * type → name → candidates.
     */
    private static Map<String, Map<String, List<AdvisoryStore.Candidate>>> candidates(Connection c, AdvisoryStore store,
                                                                                  Collection<OsvAdvisory> advisories) throws SQLException {
        Map<String, Map<String, List<OsvAdvisory.Affected>>> naming = new HashMap<>();
        for (OsvAdvisory a : advisories) {
            if (a.withdrawn() == null) {
                for (OsvAdvisory.Affected affected : a.affected()) {
                    String type = OsvEcosystems.packageType(affected.ecosystem());
                    if (type != null) {
                        naming.computeIfAbsent(type, t -> new HashMap<>()).computeIfAbsent(affected.name(), n -> new ArrayList<>()).add(affected);
                    }
                }
            }
        }
        Map<String, Map<String, List<AdvisoryStore.Candidate>>> out = new HashMap<>();
        for (Map.Entry<String, Map<String, List<OsvAdvisory.Affected>>> e : naming.entrySet()) {
            String type = e.getKey();
            Comparator<String> order = (x, y) -> PackageVersions.compare(type, x, y);
            Map<String, java.util.function.Predicate<String>> affects = new HashMap<>();
            e.getValue().forEach((name, entries) -> affects.put(name, version -> entries.stream()
                    .anyMatch(affected -> OsvRanges.affects(affected, version, order))));
            out.put(type, store.candidates(c, type, affects));
        }
        return out;
    }

    /**
     * A scanner's report for one image: its findings replace what the last report of the same scanner said
     * of that image (those no longer reported are closed, new ones opened), in one transaction.
     *
     * @return {opened, closed}
     */
    public int[] importReport(ImageRecord image, ScannerReports.Report report, String source, String actor) {
        Instant now = Instant.now(clock);
        AdvisoryStore store = new AdvisoryStore(catalog);
        return catalog.inTransaction(c -> {
            Map<String, ScannerReports.Reported> reported = new HashMap<>();
            for (ScannerReports.Reported r : report.findings()) {
                reported.putIfAbsent(r.advisory() + "\u0000" + r.packageName() + "\u0000" + r.installed(), r);
            }
            int[] counts = {0, 0};
            Set<String> stillOpen = new HashSet<>();
            for (Finding f : store.openFindings(c, "digest", image.digest())) {
                if (!f.source().equals(report.scanner())) {
                    continue;
                }
                String key = f.advisoryId() + "\u0000" + f.packageName() + "\u0000" + f.installedVersion();
                if (reported.containsKey(key)) {
                    stillOpen.add(key);
                } else {
                    closeFinding(c, store, f, "report " + source, "not in the " + report.scanner() + " report " + source, actor, now);
                    counts[1]++;
                }
            }
            try (AdvisoryStore.FindingWrites findings = new AdvisoryStore.FindingWrites(c)) {
                for (Map.Entry<String, ScannerReports.Reported> e : reported.entrySet()) {
                    if (stillOpen.contains(e.getKey())) {
                        continue;
                    }
                    ScannerReports.Reported r = e.getValue();
                    Finding f = new Finding(0, image.digest(), r.advisory(), String.join(",", r.aliases()), r.packageName(), r.installed(),
                            r.fixed(), r.severity().id(), report.scanner(), now, "report " + source, null, null);
                    findings.open(f, LifecycleEvent.of(actor, OPENED, image.digest(), image.displayRef(), image.stage(), image.stage(),
                            f.advisory() + ": " + r.packageName() + " " + r.installed() + " reported by " + report.scanner() + ", "
                                    + (r.fixed() == null ? "no fix yet" : "fixed in " + r.fixed()) + " (" + f.severity() + ")", null));
                    counts[0]++;
                }
            }
            return counts;
        });
    }

    /**
     * A new image's contents against the stored advisories; also closes the previous version's findings
     * that this rebuild no longer carries.
     */
    public void matchImage(ImageRecord image, String actor) {
        ContentsStore contents = new ContentsStore(catalog);
        Optional<ContentsStore.Summary> summary = contents.summary(image.digest()).filter(ContentsStore.Summary::readable);
        if (summary.isEmpty()) {
            return;
        }
        List<InstalledPackage> packages = contents.packages(image.digest());
        Instant now = Instant.now(clock);
        AdvisoryStore store = new AdvisoryStore(catalog);
        catalog.inTransaction(c -> {
            List<Match> found = new ArrayList<>();
            Map<String, Set<String>> names = new HashMap<>();
            for (InstalledPackage p : packages) {
                Set<String> n = names.computeIfAbsent(p.ecosystem(), e -> new HashSet<>());
                n.add(p.name());
                n.add(p.sourceName());
            }
            for (Map.Entry<String, Set<String>> e : names.entrySet()) {
                for (OsvAdvisory a : store.naming(c, e.getKey(), e.getValue())) {
                    found.addAll(matchesIn(a, image.digest(), summary.get().os(), packages));
                }
            }
            int[] opened = {0};
            int[] closed = {0};
            try (AdvisoryStore.FindingWrites findings = new AdvisoryStore.FindingWrites(c)) {
                reconcile(c, store, findings, new HashMap<>(), store.openFindings(c, "digest", image.digest()), found, actor,
                        "contents of " + image.digest(), "no longer matched", now, opened, closed);
            }
            Optional<ImageRecord> previous = ReleaseNotesOperation.previous(image, catalog.images());
            if (previous.isPresent()) {
                closeFixedInRebuild(c, store, previous.get(), image, found, actor, now);
            }
            return null;
        });
    }

    /** The previous version's findings that its rebuild {@code image} no longer carries are closed by it. */
    private void closeFixedInRebuild(Connection c, AdvisoryStore store, ImageRecord previous, ImageRecord image, List<Match> found,
                                     String actor, Instant now) throws SQLException {
        Set<String> stillHere = new HashSet<>();
        found.forEach(m -> stillHere.add(m.advisory().id() + "\u0000" + m.packageName()));
        for (Finding f : store.openFindings(c, "digest", previous.digest())) {
            if (!stillHere.contains(f.advisoryId() + "\u0000" + f.packageName())) {
                closeFinding(c, store, f, "rebuild " + image.digest(), "fixed in its rebuild " + image.displayRef() + " ("
                        + image.digest() + ")", actor, now);
            }
        }
    }

    /** Every image package an advisory means, by the image's ecosystem and the ecosystem's own version order. */
    private static List<Match> matches(OsvAdvisory a, Map<String, Map<String, List<AdvisoryStore.Candidate>>> candidates) {
        List<Match> out = new ArrayList<>();
        for (OsvAdvisory.Affected affected : a.affected()) {
            String type = OsvEcosystems.packageType(affected.ecosystem());
            if (type == null) {
                continue;
            }
            for (AdvisoryStore.Candidate p : candidates.getOrDefault(type, Map.of()).getOrDefault(affected.name(), List.of())) {
                match(a, affected, type, p.digest(), p.os(), p.name(), p.version(), p.sourceName(), p.sourceVersion()).ifPresent(out::add);
            }
        }
        return out;
    }

    private static List<Match> matchesIn(OsvAdvisory a, String digest, OsRelease os, List<InstalledPackage> packages) {
        List<Match> out = new ArrayList<>();
        for (OsvAdvisory.Affected affected : a.affected()) {
            String type = OsvEcosystems.packageType(affected.ecosystem());
            for (InstalledPackage p : packages) {
                if (p.ecosystem().equals(type) && (p.name().equals(affected.name()) || p.sourceName().equals(affected.name()))) {
                    match(a, affected, type, digest, os, p.name(), p.version(), p.sourceName(), p.sourceVersion()).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /**
     * One package against one affected entry: the image's ecosystem must be the advisory's, and the version
     * compared is the source package's where the advisory names the source (Debian's and Alpine's do).
     */
    private static Optional<Match> match(OsvAdvisory a, OsvAdvisory.Affected affected, String type, String digest, OsRelease os,
                                         String name, String version, String sourceName, String sourceVersion) {
        Optional<String> imageEcosystem = OsvEcosystems.of(os);
        if (imageEcosystem.isEmpty() || !OsvEcosystems.covers(affected.ecosystem(), imageEcosystem.get())) {
            return Optional.empty();
        }
        String installed = name.equals(affected.name()) ? version : sourceVersion;
        if (!name.equals(affected.name()) && !sourceName.equals(affected.name())) {
            return Optional.empty();
        }
        Comparator<String> order = (x, y) -> PackageVersions.compare(type, x, y);
        if (!OsvRanges.affects(affected, installed, order)) {
            return Optional.empty();
        }
        return Optional.of(new Match(digest, a, affected.name(), installed, OsvRanges.fixedVersion(affected, installed, order)));
    }

    /** Opens what is newly matched, closes the open findings that are no longer, each with its event. */
    /** @param images the images findings are opened on, as read so far in this operation */
    private void reconcile(Connection c, AdvisoryStore store, AdvisoryStore.FindingWrites findings,
                           Map<String, Optional<ImageRecord>> images, List<Finding> open,
                           List<Match> matched, String actor, String openedBy, String closeReason, Instant now, int[] opened,
                           int[] closed) throws SQLException {
        Map<String, Match> byKey = new HashMap<>();
        matched.forEach(m -> byKey.putIfAbsent(m.key(), m));
        Set<String> openKeys = new HashSet<>();
        for (Finding f : open) {
            String key = f.digest() + "\u0000" + f.advisoryId() + "\u0000" + f.packageName() + "\u0000" + f.installedVersion();
            if (byKey.containsKey(key)) {
                openKeys.add(key);
            } else if (f.source().equals("osv")) {
                closeFinding(c, store, f, openedBy, closeReason, actor, now);
                closed[0]++;
            }
        }
        for (Match m : byKey.values()) {
            if (openKeys.contains(m.key())) {
                continue;
            }
            Optional<ImageRecord> image = images.computeIfAbsent(m.digest(), catalog::find);
            if (image.isEmpty()) {
                continue;
            }
            Finding f = new Finding(0, m.digest(), m.advisory().id(), String.join(",", m.advisory().aliases()), m.packageName(),
                    m.installed(), m.fixed(), m.advisory().severity().id(), "osv", now, openedBy, null, null);
            String reason = f.advisory() + ": " + m.packageName() + " " + m.installed() + " is affected, "
                    + (m.fixed() == null ? "no fix yet" : "fixed in " + m.fixed()) + " (" + f.severity() + ")";
            var details = Json.object().put("advisory", f.advisoryId()).put("package", f.packageName()).put("installed", f.installedVersion())
                    .put("fixed", f.fixedVersion()).put("severity", f.severity());
            findings.open(f, LifecycleEvent.of(actor, OPENED, m.digest(), image.get().displayRef(), image.get().stage(), image.get().stage(),
                    reason, Json.write(details)));
            opened[0]++;
        }
    }

    private void closeFinding(Connection c, AdvisoryStore store, Finding f, String by, String reason, String actor, Instant now)
            throws SQLException {
        Optional<ImageRecord> image = catalog.find(f.digest());
        store.close(c, f.id(), now, by, LifecycleEvent.of(actor, CLOSED, f.digest(), image.map(ImageRecord::displayRef).orElse(f.digest()),
                image.map(ImageRecord::stage).orElse(null), image.map(ImageRecord::stage).orElse(null),
                f.advisory() + " on " + f.packageName() + " " + f.installedVersion() + ": " + reason, null));
    }
}
