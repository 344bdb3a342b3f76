package io.jenkins.plugins.imagelifecycle.signing;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an image's stored signatures against trusted public keys: a signature counts only when one of
 * the keys verifies it over its payload, and the payload names this image's digest and the repository it
 * is in. Each refusal says which of those failed.
 */
public final class SignatureVerification {
    /**
     * One stored signature's verdict.
     *
     * @param keyId the trusted key that verified it; else the key id its layer claims, or null
     */
    public record Checked(String keyId, boolean valid, String detail) {
    }

    /** Every signature's verdict; trusted when at least one is valid. */
    public record Result(List<Checked> signatures, List<String> trustedKeyIds) {
        public boolean trusted() {
            return signatures.stream().anyMatch(Checked::valid);
        }

        /** The key ids the signatures name or were verified by. */
        public Set<String> foundKeyIds() {
            Set<String> ids = new LinkedHashSet<>();
            signatures.forEach(c -> {
                if (c.keyId() != null) {
                    ids.add(c.keyId());
                }
            });
            return ids;
        }

        /** One line for a refusal or a record. */
        public String summary() {
            if (signatures.isEmpty()) {
                return "no signature (trusted keys: " + String.join(", ", trustedKeyIds) + ")";
            }
            List<String> each = new ArrayList<>();
            signatures.forEach(c -> each.add((c.keyId() == null ? "unnamed key" : c.keyId()) + ": " + c.detail()));
            return signatures.size() + " signature(s): " + String.join("; ", each) + " (trusted keys: " + String.join(", ", trustedKeyIds) + ")";
        }
    }

    private SignatureVerification() {
    }

    public static Result verify(List<ImageSignatures.Stored> stored, ImageRef repo, Digest image, List<TrustedKey> trusted) {
        List<Checked> out = new ArrayList<>();
        for (ImageSignatures.Stored s : stored) {
            out.add(check(s, repo.name(), image, trusted));
        }
        return new Result(out, trusted.stream().map(TrustedKey::keyId).toList());
    }

    /** The payload's identity names the repository, bare or with a tag or digest (containers/image signs with the tag). */
    private static boolean sameRepository(String dockerReference, String repository) {
        try {
            return ImageRef.parse(dockerReference).name().equals(repository);
        } catch (RuntimeException notAReference) {
            return false;
        }
    }

    private static Checked check(ImageSignatures.Stored s, String repository, Digest image, List<TrustedKey> trusted) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(s.signature());
        } catch (IllegalArgumentException e) {
            return new Checked(s.claimedKeyId(), false, "the signature annotation is not base64");
        }
        TrustedKey by = null;
        for (TrustedKey key : trusted) {
            if (key.verifies(s.payload(), signature)) {
                by = key;
                break;
            }
        }
        if (by == null) {
            boolean claimsTrusted = s.claimedKeyId() != null && trusted.stream().anyMatch(k -> k.keyId().equals(s.claimedKeyId()));
            return new Checked(s.claimedKeyId(), false, claimsTrusted
                    ? "does not verify with the trusted key it names: the payload or the signature was altered"
                    : "not signed by a trusted key");
        }
        String[] why = new String[1];
        SimpleSigningPayload.Claims claims = SimpleSigningPayload.parse(s.payload(), why);
        if (claims == null) {
            return new Checked(by.keyId(), false, why[0]);
        }
        if (!claims.manifestDigest().equals(image.toString())) {
            return new Checked(by.keyId(), false, "signed for another image: the payload names " + claims.manifestDigest()
                    + ", not " + image);
        }
        if (!sameRepository(claims.dockerReference(), repository)) {
            return new Checked(by.keyId(), false, "signed for the repository " + claims.dockerReference() + ", not " + repository);
        }
        return new Checked(by.keyId(), true, "valid");
    }
}
