package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.provenance.SlsaProvenance;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.DsseEnvelope;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.verify.TestResultStatement;
import java.io.PrintStream;

/** A built image's attestations in the registry beside it: provenance, and test results when it has any. */
public final class BuildAttestations {
    private BuildAttestations() {
    }

    /** The test-result statement of a build's tests, or null when it ran none. */
    public static String testStatement(BuiltImage built) {
        if (built.tests() == null) {
            return null;
        }
        return io.jenkins.plugins.imagelifecycle.support.Json.write(TestResultStatement.of(ImageRef.parse(built.pushedRef()).name(),
                Digest.parse(built.record().digest()), built.tests()));
    }

    public static void store(RegistryClient registry, ImageRef target, Digest digest, String provenance, String testStatement,
                             PrintStream log) {
        store(registry, target, digest, provenance, testStatement, null, log);
    }

    /** @param key signs each statement in a DSSE envelope; null: stored bare */
    public static void store(RegistryClient registry, ImageRef target, Digest digest, String provenance, String testStatement,
                             SigningKey key, PrintStream log) {
        store(registry, target, digest, prepare(provenance, testStatement, key), log);
    }

    /**
     * One statement ready to store: bare, or already in its DSSE envelope. Made where the key is (the
     * controller), stored where the credentials are (the agent): the envelope is no secret.
     *
     * @param keyId the signer's key id; null for a bare statement
     */
    public record Prepared(String content, String mediaType, String predicateType, String keyId) implements java.io.Serializable {
    }

    /** The build's statements, each signed when there is a key. */
    public static java.util.List<Prepared> prepare(String provenance, String testStatement, SigningKey key) {
        java.util.List<Prepared> out = new java.util.ArrayList<>();
        out.add(prepared(provenance, SlsaProvenance.PREDICATE_TYPE, key));
        if (testStatement != null) {
            out.add(prepared(testStatement, TestResultStatement.PREDICATE_TYPE, key));
        }
        return out;
    }

    static Prepared prepared(String statement, String predicateType, SigningKey key) {
        return key == null ? new Prepared(statement, AttestationStore.ARTIFACT_TYPE, predicateType, null)
                : new Prepared(DsseEnvelope.sign(statement, key), DsseEnvelope.MEDIA_TYPE, predicateType, key.keyId());
    }

    public static void store(RegistryClient registry, ImageRef target, Digest digest, java.util.List<Prepared> statements, PrintStream log) {
        ImageRef repo = target.withoutDigest();
        AttestationStore store = new AttestationStore(registry);
        for (Prepared p : statements) {
            store.push(repo, digest, p.content(), p.mediaType(), p.predicateType());
        }
        String signer = statements.stream().map(Prepared::keyId).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        log.println("Attestations stored beside " + target.name() + "@" + digest + (signer == null ? "" : ", signed by key " + signer));
    }

    /** One statement beside the image: in a DSSE envelope when there is a key, else bare. */
    public static AttestationStore.Attestation push(RegistryClient registry, ImageRef repo, Digest digest, String statement,
                                                    String predicateType, SigningKey key) {
        Prepared p = prepared(statement, predicateType, key);
        return new AttestationStore(registry).push(repo, digest, p.content(), p.mediaType(), p.predicateType());
    }
}
