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
        ImageRef repo = target.withoutDigest();
        push(registry, repo, digest, provenance, SlsaProvenance.PREDICATE_TYPE, key);
        if (testStatement != null) {
            push(registry, repo, digest, testStatement, TestResultStatement.PREDICATE_TYPE, key);
        }
        log.println("Attestations stored beside " + target.name() + "@" + digest + (key == null ? "" : ", signed by key " + key.keyId()));
    }

    /** One statement beside the image: in a DSSE envelope when there is a key, else bare. */
    public static AttestationStore.Attestation push(RegistryClient registry, ImageRef repo, Digest digest, String statement,
                                                    String predicateType, SigningKey key) {
        AttestationStore store = new AttestationStore(registry);
        return key == null ? store.push(repo, digest, statement, predicateType)
                : store.push(repo, digest, DsseEnvelope.sign(statement, key), DsseEnvelope.MEDIA_TYPE, predicateType);
    }
}
