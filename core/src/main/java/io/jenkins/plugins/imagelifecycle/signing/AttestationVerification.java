package io.jenkins.plugins.imagelifecycle.signing;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * The attestations stored beside an image, each opened: signed (a DSSE envelope a trusted key verifies, whose
 * statement names this image as its subject) or not, and why. Statements stored bare read as unsigned.
 */
public final class AttestationVerification {
    /** @param signedBy the trusted key that verified it, or null */
    public record Checked(String predicateType, Digest attestation, String signedBy, boolean valid, String detail) {
    }

    private AttestationVerification() {
    }

    public static List<Checked> verify(AttestationStore store, ImageRef repo, Digest image, List<TrustedKey> trusted) {
        List<Checked> out = new ArrayList<>();
        for (AttestationStore.Attestation a : store.list(repo, image)) {
            DsseEnvelope.Opened opened = DsseEnvelope.open(store.read(repo, a));
            if (!opened.enveloped()) {
                out.add(new Checked(a.predicateType(), a.digest(), null, false, "unsigned (a bare statement)"));
                continue;
            }
            String by = opened.verifiedBy(trusted);
            if (by == null) {
                out.add(new Checked(a.predicateType(), a.digest(), null, false, "its envelope is not signed by a trusted key"));
            } else if (!namesSubject(opened.statement(), image)) {
                out.add(new Checked(a.predicateType(), a.digest(), by, false, "signed, but its statement's subject is not " + image));
            } else {
                out.add(new Checked(a.predicateType(), a.digest(), by, true, "valid"));
            }
        }
        return out;
    }

    private static boolean namesSubject(String statement, Digest image) {
        try {
            for (JsonNode subject : Json.read(statement).path("subject")) {
                if (image.hex().equals(subject.path("digest").path(image.algorithm()).asText())) {
                    return true;
                }
            }
            return false;
        } catch (IllegalArgumentException notJson) {
            return false;
        }
    }
}
