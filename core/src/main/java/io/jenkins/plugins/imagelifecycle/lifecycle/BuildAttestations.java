package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.provenance.SlsaProvenance;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
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
        AttestationStore store = new AttestationStore(registry);
        ImageRef repo = target.withoutDigest();
        store.push(repo, digest, provenance, SlsaProvenance.PREDICATE_TYPE);
        if (testStatement != null) {
            store.push(repo, digest, testStatement, TestResultStatement.PREDICATE_TYPE);
        }
        log.println("Attestations stored beside " + target.name() + "@" + digest);
    }
}
