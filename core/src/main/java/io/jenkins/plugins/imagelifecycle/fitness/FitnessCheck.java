package io.jenkins.plugins.imagelifecycle.fitness;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.advisories.Severity;
import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteOperation;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.PlacementVerification;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.signing.KeySources;
import io.jenkins.plugins.imagelifecycle.signing.TrustedKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * May this digest run in this environment now? Answered from the catalog alone (no registry round trip; a
 * {@link SignatureCheck} adds one when asked): known to the factory, standing in the environment (not
 * superseded), verified there, not retired or failed, not past its end of life, not outdated, not vulnerable
 * above the environment's threshold, and signed by a key the environment trusts now.
 */
public final class FitnessCheck {
    /** Reads the registry's signatures of the copy, for {@code --verify-signature}; null: the catalog's record is enough. */
    public interface SignatureCheck {
        /** @return null when one of {@code trusted} signed {@code copy}, else why not */
        String unsignedReason(ImageRef copy, Digest digest, List<TrustedKey> trusted);
    }

    private final Catalog catalog;
    private final LifecycleConfig config;

    public FitnessCheck(Catalog catalog, LifecycleConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    public FitnessAnswer check(String image, String environment, LocalDate today, SignatureCheck signatures) {
        Environment env = config.environment(environment);
        List<FitnessAnswer.Reason> reasons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<ImageRecord> found = find(image, env);
        if (found.isEmpty()) {
            reasons.add(new FitnessAnswer.Reason("unknown", image + " is not known to the factory: no image of its catalog has this "
                    + "digest or reference"));
            return new FitnessAnswer(image, null, env.name(), reasons, null, notes);
        }
        ImageRecord record = found.get();
        String current = catalog.current(env.name(), record.repository()).orElse(null);
        Placement placement = placement(record, env);
        if (placement == null) {
            reasons.add(new FitnessAnswer.Reason("not-promoted", record.digest() + " was never promoted to " + env.name()));
        } else if (!record.digest().equals(current) && !(current == null && record.stage() == Stage.RETIRED)) {
            // an image retired where it stood was withdrawn from there: "retired" (below) says why it stands nowhere
            reasons.add(new FitnessAnswer.Reason("superseded", record.digest() + " no longer stands in " + env.name() + "; "
                    + (current == null ? "nothing of " + record.repository() + " does" : current + " does")));
        }
        if (placement != null) {
            verification(placement, env, reasons);
        }
        stage(record, today, reasons, notes);
        outdated(record, reasons);
        vulnerable(record, env, today, reasons);
        signed(record, env, placement, signatures, reasons);
        return new FitnessAnswer(image, record.digest(), env.name(), reasons, current, notes);
    }

    /**
     * By digest; a reference without one is looked up as the catalog recorded it, then as what an environment's
     * copy of that name holds now (a deployer asking about {@code registry/prod/app:1} means what stands there).
     */
    private Optional<ImageRecord> find(String image, Environment env) {
        if (Digest.meantAsDigest(image)) {
            return catalog.find(Digest.parse(image).toString());
        }
        ImageRef ref = ImageRef.parse(image);
        if (ref.digest().isPresent()) {
            return catalog.find(ref);
        }
        Optional<ImageRecord> recorded = catalog.find(ref);
        if (recorded.isPresent()) {
            return recorded;
        }
        String name = ref.withTag(ref.tagOrLatest()).toString();
        Optional<Placement> standing = catalog.currentPlacements().stream().filter(p -> p.targetRef().equals(name)).findFirst();
        if (standing.isPresent()) {
            return catalog.find(standing.get().digest());
        }
        // a copy's tag whose image was retired where it stood (withdrawn) still names that image until another is
        // promoted there: the newest placement under the tag answers ("retired"), not "unknown"
        List<Placement> under = catalog.environmentPlacements(env.name()).stream().filter(p -> p.targetRef().equals(name)).toList();
        return under.isEmpty() ? Optional.empty() : catalog.find(under.get(under.size() - 1).digest());
    }

    /** The newest placement of the image in the environment, or null. */
    private Placement placement(ImageRecord record, Environment env) {
        Placement latest = null;
        for (Placement p : catalog.placements(record.digest())) {
            if (p.environment().equals(env.name())) {
                latest = p;
            }
        }
        return latest;
    }

    private void verification(Placement placement, Environment env, List<FitnessAnswer.Reason> reasons) {
        PlacementVerification v = catalog.verifications(List.of(placement.id())).get(placement.id());
        if (v == null && env.verify() == null || v != null && v.state() == PlacementVerification.State.VERIFIED) {
            return;
        }
        reasons.add(new FitnessAnswer.Reason("not-verified", "not verified in " + env.name() + ": "
                + (v == null ? "no verification recorded (it stood there before " + env.name() + " verified)"
                        : v.state().label() + " at " + v.at() + " (" + v.detail() + ")")));
    }

    private static void stage(ImageRecord record, LocalDate today, List<FitnessAnswer.Reason> reasons, List<String> notes) {
        if (record.stage() == Stage.RETIRED) {
            reasons.add(new FitnessAnswer.Reason("retired", record.digest() + " is retired"));
        } else if (record.stage() == Stage.FAILED) {
            reasons.add(new FitnessAnswer.Reason("failed", record.digest() + " failed its tests"));
        } else if (record.stage() == Stage.DEPRECATED && record.eolDate() != null) {
            long left = ChronoUnit.DAYS.between(today, record.eolDate());
            if (left < 0) {
                reasons.add(new FitnessAnswer.Reason("end-of-life", record.digest() + " is deprecated and reached its end of life on "
                        + record.eolDate()));
            } else {
                notes.add("deprecated: " + left + " day(s) left before its end of life on " + record.eolDate());
            }
        } else if (record.stage() == Stage.DEPRECATED) {
            notes.add("deprecated, with no end-of-life date");
        }
    }

    /** A retired ancestor, or a base that has moved on (here or further up), as the lifecycle view computes it. */
    private void outdated(ImageRecord record, List<FitnessAnswer.Reason> reasons) {
        if (record.stage() == Stage.RETIRED) {
            return;
        }
        List<ImageRecord> chain = new ArrayList<>();
        chain.add(record);
        chain.addAll(catalog.ancestors(record));
        for (int i = 1; i < chain.size(); i++) {
            if (chain.get(i).stage() == Stage.RETIRED) {
                reasons.add(new FitnessAnswer.Reason("outdated", (i == 1 ? "parent" : "ancestor") + " retired: " + chain.get(i).digest()));
                return;
            }
        }
        for (ImageRecord i : chain) {
            if (i.role() == Role.BLESSED && i.baseRef() != null && i.baseDigest() != null) {
                Optional<ImageRecord> newest = catalog.newestBlessedFrom(i.baseRef());
                if (newest.isPresent() && newest.get().baseDigest() != null && !newest.get().baseDigest().equals(i.baseDigest())) {
                    reasons.add(new FitnessAnswer.Reason("outdated", "base moved on: " + i.baseRef() + " is now "
                            + newest.get().baseDigest() + (i == record ? "" : " (under " + i.digest() + ")")));
                    return;
                }
            }
        }
    }

    /** Open findings at or above the threshold, but those waived at its promotion here, until their waiver's end. */
    private void vulnerable(ImageRecord record, Environment env, LocalDate today, List<FitnessAnswer.Reason> reasons) {
        if (env.blockSeverity() == null) {
            return;
        }
        Severity block = Severity.parse(env.blockSeverity());
        var summary = new ContentsStore(catalog).summary(record.digest());
        if (summary.isEmpty() || !summary.get().readable()) {
            reasons.add(new FitnessAnswer.Reason("vulnerable", env.name() + " refuses findings at or above " + block.id()
                    + ", and the contents of " + record.digest() + " are unknown"));
            return;
        }
        Set<String> waived = waivedAtPromotion(record, env, today);
        TreeSet<String> blocking = new TreeSet<>();
        for (Finding f : new AdvisoryStore(catalog).findings(record.digest(), true)) {
            if (Severity.fromWord(f.severity()).compareTo(block) >= 0 && !waived.contains(f.advisory() + " " + f.packageName())) {
                blocking.add(f.advisory() + " (" + f.severity() + ", " + f.packageName() + " " + f.installedVersion() + ")");
            }
        }
        if (!blocking.isEmpty()) {
            reasons.add(new FitnessAnswer.Reason("vulnerable", "open findings at or above " + block.id() + ": " + String.join("; ", blocking)));
        }
    }

    /** "ADVISORY PACKAGE" of each waiver the latest promotion here recorded that still holds today. */
    private Set<String> waivedAtPromotion(ImageRecord record, Environment env, LocalDate today) {
        Set<String> out = new HashSet<>();
        JsonNode details = placementDetails(record, env);
        if (details == null) {
            return out;
        }
        // recorded as "DSA-1 on openssl 3.0.11: reason, until 2027-01-31"
        for (JsonNode w : details.path("waivedFindings")) {
            String text = w.asText();
            int on = text.indexOf(" on ");
            int until = text.lastIndexOf(", until ");
            if (on < 0 || until < 0) {
                continue;
            }
            String[] pkg = text.substring(on + 4).split(" ", 2);
            try {
                if (!LocalDate.parse(text.substring(until + 8).strip()).isBefore(today)) {
                    out.add(text.substring(0, on) + " " + pkg[0]);
                }
            } catch (java.time.DateTimeException e) {
                // not a waiver this check can read: it holds nothing back
            }
        }
        return out;
    }

    private void signed(ImageRecord record, Environment env, Placement placement, SignatureCheck signatures,
                        List<FitnessAnswer.Reason> reasons) {
        List<TrustedKey> trusted = KeySources.trusted(env.trustedKeys());
        if (trusted.isEmpty() || placement == null || record.role() == Role.HOST) {
            return;
        }
        Set<String> trustedIds = new TreeSet<>();
        trusted.forEach(k -> trustedIds.add(k.keyId()));
        if (signatures != null) {
            String why = signatures.unsignedReason(ImageRef.parse(placement.targetRef()).withoutDigest(), Digest.parse(record.digest()), trusted);
            if (why != null) {
                reasons.add(new FitnessAnswer.Reason("not-signed", "the copy in " + env.name() + " has no valid signature by a key it trusts: "
                        + why));
            }
            return;
        }
        JsonNode details = placementDetails(record, env);
        Set<String> verifiedBy = new TreeSet<>();
        if (details != null) {
            details.path("signatureVerifiedBy").forEach(k -> verifiedBy.add(k.asText()));
        }
        if (verifiedBy.stream().noneMatch(trustedIds::contains)) {
            reasons.add(new FitnessAnswer.Reason("not-signed", "no signature by a key " + env.name() + " trusts now was verified when it "
                    + "entered (verified by: " + (verifiedBy.isEmpty() ? "none" : String.join(", ", verifiedBy)) + "; trusted now: "
                    + String.join(", ", trustedIds) + ")"));
        }
    }

    /** The details of the newest promotion or rollback of the image into the environment. */
    private JsonNode placementDetails(ImageRecord record, Environment env) {
        JsonNode found = null;
        for (LifecycleEvent e : catalog.history(record.digest())) {
            if ((PromoteOperation.ACTION.equals(e.action()) || PromoteOperation.ROLLBACK_ACTION.equals(e.action())) && e.details() != null) {
                JsonNode d = Json.read(e.details());
                if (env.name().equals(d.path("environment").asText())) {
                    found = d;
                }
            }
        }
        return found;
    }
}
