package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.provenance.SlsaProvenance;
import io.jenkins.plugins.imagelifecycle.signing.AttestationVerification;
import io.jenkins.plugins.imagelifecycle.signing.ImageSignatures;
import io.jenkins.plugins.imagelifecycle.signing.ImageVerification;
import io.jenkins.plugins.imagelifecycle.signing.KeySources;
import io.jenkins.plugins.imagelifecycle.signing.SignatureVerification;
import io.jenkins.plugins.imagelifecycle.signing.TrustedKey;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check an image's cosign signatures and its attestations' DSSE envelopes against trusted public keys (--key, else "
                + "the configuration's signing.trustedKeys): each with its key id and verdict. Exit 0 only when the image has a valid "
                + "signature and each required attestation (--require-attestation, default the SLSA provenance) a valid envelope; 4 otherwise.")
final class VerifyCommand implements Callable<Integer> {
    static final int NOT_VERIFIED = 4;

    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "registry/repository:tag or @sha256:…")
    String image;

    @Option(names = "--key", paramLabel = "PEM", description = "A trusted public key file (repeatable)")
    List<Path> keys = new ArrayList<>();

    @Option(names = "--require-attestation", paramLabel = "PREDICATE_TYPE",
            description = "An attestation that must be signed (repeatable; default: the SLSA provenance, " + SlsaProvenance.PREDICATE_TYPE + ")")
    List<String> required = new ArrayList<>();

    @Override
    public Integer call() {
        List<TrustedKey> trusted = keys.isEmpty() ? KeySources.trusted(engine.config().signing().trustedKeys())
                : keys.stream().map(TrustedKey::read).toList();
        if (trusted.isEmpty()) {
            throw new BadInputException("No trusted key: give --key PEM, or signing.trustedKeys in the configuration");
        }
        ImageVerification checked = ImageVerification.of(engine.registry(), ImageRef.parse(image), trusted);
        SignatureVerification.Result result = checked.signatures();
        List<AttestationVerification.Checked> attestations = checked.attestations();
        List<String> requiredTypes = required.isEmpty() ? List.of(SlsaProvenance.PREDICATE_TYPE) : required;
        List<String> missing = checked.missing(requiredTypes);
        boolean verified = checked.verified(requiredTypes);
        Digest digest = checked.digest();
        ImageRef repository = checked.repository();
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object().put("image", repository.name() + "@" + digest).put("verified", verified)
                    .put("trusted", result.trusted());
            ArrayNode list = json.putArray("signatures");
            result.signatures().forEach(c -> list.addObject().put("keyId", c.keyId()).put("valid", c.valid()).put("detail", c.detail()));
            ArrayNode statements = json.putArray("attestations");
            attestations.forEach(a -> statements.addObject().put("predicateType", a.predicateType()).put("digest", a.attestation().toString())
                    .put("keyId", a.signedBy()).put("valid", a.valid()).put("detail", a.detail()));
            json.set("missingAttestations", Json.MAPPER.valueToTree(missing));
            json.set("trustedKeys", Json.MAPPER.valueToTree(result.trustedKeyIds()));
            out.println(Json.write(json));
        } else {
            out.println(repository.name() + "@" + digest + ": " + (verified ? "verified" : "NOT verified") + "; image "
                    + (result.trusted() ? "signed by a trusted key" : "NOT signed by a trusted key"));
            result.signatures().forEach(c -> out.println("  signature " + (c.valid() ? "valid   " : "invalid ")
                    + (c.keyId() == null ? "(no key id)" : c.keyId()) + ": " + c.detail()));
            if (result.signatures().isEmpty()) {
                out.println("  no signature stored under " + ImageSignatures.tag(digest));
            }
            attestations.forEach(a -> out.println("  attestation " + a.predicateType() + " " + (a.valid() ? "valid " + a.signedBy() : a.detail())));
            missing.forEach(type -> out.println("  required attestation without a valid signature: " + type));
        }
        out.flush();
        return verified ? ErrorHandler.OK : NOT_VERIFIED;
    }
}
