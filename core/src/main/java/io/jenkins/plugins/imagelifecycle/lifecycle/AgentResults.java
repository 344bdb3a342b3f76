package io.jenkins.plugins.imagelifecycle.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the controller records of a container build an agent ran. An agent that is compromised could report any
 * record ("blessed, tested, built by the release job"), and the catalog is the audit trail, so the controller
 * derives what it knows itself (role from the step, repository and tag from the request, parent from its own lookup,
 * builder from the run, the time from its own clock) and checks what it cannot derive against what it sees: the pushed digest by a request of its
 * own to the registry, the tag pointing at it, a bless's base digest in the base repository, and the provenance's
 * subject. Any mismatch refuses the whole result, records an {@value #REFUSED_ACTION} event, and names each mismatch.
 * A registry the controller may not read (only the agent holds its login) cannot be asked: those checks are listed as
 * not made, recorded with the build, and the rest still hold; a promotion, which reads from the controller, would
 * meet the registry's own answer.
 */
public final class AgentResults {
    public static final String REFUSED_ACTION = "agent-result-refused";

    private final Catalog catalog;
    private final RegistryClient registry;

    public AgentResults(Catalog catalog, RegistryClient registry) {
        this.catalog = catalog;
        this.registry = registry;
    }

    /**
     * @param role    what the step builds (blessed or augmented)
     * @param target  the step's target reference, {@code registry/repository:tag}
     * @param parent  for an augment, the blessed parent the controller looked up; null for a bless
     * @param baseRef for a bless, the base reference the step named
     * @param context the controller's identity of the run
     * @return the record to write: the agent's, with every field the controller derives replaced by its own
     */
    public Checked check(BuiltImage reported, Role role, String target, ParentImage parent, String baseRef, BuildContext context) {
        ImageRef targetRef = ImageRef.parse(target);
        ImageRecord r = reported.record();
        List<String> mismatches = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        Digest digest = digestOf(r.digest(), mismatches);
        same("repository", r.repository(), targetRef.name(), mismatches);
        same("pushed reference", reported.pushedRef(), targetRef.toString(), mismatches);
        same("role", r.role() == null ? null : r.role().id(), role.id(), mismatches);
        String parentDigest;
        String recordedBaseRef;
        String baseDigest;
        if (parent != null) {
            parentDigest = parent.digest().toString();
            recordedBaseRef = parent.baseRef();
            baseDigest = parent.baseDigest();
            same("parent", r.parentDigest(), parentDigest, mismatches);
        } else {
            ImageRef base = ImageRef.parse(baseRef);
            recordedBaseRef = base.toString();
            baseDigest = r.baseDigest();
            parentDigest = baseDigest;
            same("base reference", r.baseRef(), recordedBaseRef, mismatches);
            same("parent (the pinned base)", r.parentDigest(), baseDigest, mismatches);
            Digest pinned = digestOf(baseDigest, mismatches);
            base.digest().ifPresent(d -> same("base digest", String.valueOf(pinned), d.toString(), mismatches));
            if (pinned != null) {
                seenAt("base digest", base.withoutDigest().withDigest(pinned), pinned, mismatches, notChecked);
            }
        }
        Stage stage = reported.tests() == null ? Stage.BUILT : Stage.TESTED;
        if (reported.tests() != null && !reported.tests().passed()) {
            mismatches.add("the agent reported failing tests for an image it calls built");
        }
        same("stage", r.stage() == null ? null : r.stage().id(), stage.id(), mismatches);
        if (digest != null) {
            provenanceNames(r.provenance(), digest, mismatches);
            seenAt("pushed digest", targetRef.withoutDigest().withDigest(digest), digest, mismatches, notChecked);
            seenAt("tag " + targetRef, targetRef, digest, mismatches, notChecked);
        }
        if (!mismatches.isEmpty()) {
            catalog.recordEvent(LifecycleEvent.of(context.actor(), REFUSED_ACTION, null, target, null, Stage.FAILED,
                    "agent's result refused: " + String.join("; ", mismatches), Json.write(Json.object()
                            .put("reportedDigest", r.digest()).put("invocationId", context.invocationId()))));
            throw new AgentResultRefusedException(target, mismatches);
        }
        ImageRecord derived = new ImageRecord(digest.toString(), targetRef.name(), List.of(targetRef.toString()), role, parentDigest,
                recordedBaseRef, baseDigest, java.time.Instant.now(), stage, null, r.sourceCommit(), context.actor(), r.provenance());
        return new Checked(new BuiltImage(derived, targetRef.toString(), reported.provenanceFile(), reported.imageId(), reported.tests(),
                reported.junitFile()), notChecked);
    }

    /** The record to write, and the registry checks the controller could not make (empty when it made them all). */
    public record Checked(BuiltImage built, List<String> notChecked) {
        public Checked {
            notChecked = List.copyOf(notChecked);
        }
    }

    /**
     * A host image an agent's Packer build reported: it is in no registry, so nothing of the artifact can be checked from
     * the controller; what the controller knows replaces the agent's word (role, builder, stage from the tests, time).
     */
    public static BuiltHostImage hostRecord(BuiltHostImage reported, BuildContext context) {
        ImageRecord r = reported.record();
        Stage stage = reported.tests() == null ? Stage.BUILT : reported.tests().passed() ? Stage.TESTED : Stage.FAILED;
        ImageRecord derived = new ImageRecord(r.digest(), r.repository(), r.tags(), Role.HOST, r.parentDigest(), r.baseRef(),
                r.baseDigest(), java.time.Instant.now(), stage, null, r.sourceCommit(), context.actor(), r.provenance());
        return new BuiltHostImage(derived, reported.details(), reported.provenanceFile(), reported.tests(), reported.contents());
    }

    private static Digest digestOf(String value, List<String> mismatches) {
        try {
            return Digest.parse(value);
        } catch (LifecycleException | NullPointerException e) {
            mismatches.add("'" + value + "' is not a digest");
            return null;
        }
    }

    private static void same(String what, Object reported, Object expected, List<String> mismatches) {
        if (!Objects.equals(reported, expected)) {
            mismatches.add(what + " is " + reported + ", expected " + expected);
        }
    }

    /** The registry, asked by the controller itself, holds {@code ref} as {@code expected}. */
    private void seenAt(String what, ImageRef ref, Digest expected, List<String> mismatches, List<String> notChecked) {
        try {
            Digest seen = registry.resolve(ref);
            if (!seen.equals(expected)) {
                mismatches.add(what + ": the registry has " + ref + " as " + seen + ", not " + expected);
            }
        } catch (io.jenkins.plugins.imagelifecycle.model.NotFoundException e) {
            mismatches.add(what + ": the registry does not show " + ref + " (" + e.getMessage() + ")");
        } catch (LifecycleException e) {
            notChecked.add(what + " (" + e.getMessage() + ")");
        }
    }

    /** The provenance is an in-toto statement whose subject is this digest. */
    private static void provenanceNames(String provenance, Digest digest, List<String> mismatches) {
        JsonNode subjects;
        try {
            subjects = Json.read(provenance).path("subject");
        } catch (RuntimeException e) {
            mismatches.add("the provenance is not JSON");
            return;
        }
        String hex = digest.toString().substring(digest.toString().indexOf(':') + 1);
        for (JsonNode subject : subjects) {
            if (hex.equals(subject.path("digest").path("sha256").asText())) {
                return;
            }
        }
        mismatches.add("the provenance's subject is not " + digest);
    }
}
