package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.DsseEnvelope;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "attestations", mixinStandardHelpOptions = true,
        description = "List the in-toto statements (provenance, test results) stored in the registry for an image.")
final class AttestationsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "registry/repository with a tag or @digest")
    String image;

    @Option(names = "--show", description = "Print each statement in full")
    boolean show;

    @Override
    public Integer call() {
        ImageRef ref = ImageRef.parse(image);
        RegistryClient registry = engine.registry();
        Digest digest = ref.digest().orElseGet(() -> registry.resolve(ref));
        AttestationStore store = new AttestationStore(registry);
        var found = store.list(ref, digest);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            ObjectNode json = Json.object().put("image", ref.name() + "@" + digest);
            ArrayNode list = json.putArray("attestations");
            for (var a : found) {
                DsseEnvelope.Opened opened = DsseEnvelope.open(store.read(ref, a));
                ObjectNode item = list.addObject().put("digest", a.digest().toString()).put("predicateType", a.predicateType())
                        .put("signed", opened.enveloped());
                item.set("keyIds", Json.MAPPER.valueToTree(opened.signatures().stream().map(DsseEnvelope.EnvelopeSignature::keyId).toList()));
                if (show) {
                    item.set("statement", Json.read(opened.statement()));
                }
            }
            out.println(Json.write(json));
        } else {
            out.println(ref.name() + "@" + digest + ": " + found.size() + " attestation(s)");
            for (var a : found) {
                DsseEnvelope.Opened opened = DsseEnvelope.open(store.read(ref, a));
                out.println("  " + a.predicateType() + "  " + a.digest() + "  " + (opened.enveloped() ? "signed (DSSE) by "
                        + String.join(", ", opened.signatures().stream().map(DsseEnvelope.EnvelopeSignature::keyId).toList()) : "unsigned"));
                if (show) {
                    out.println(opened.statement());
                }
            }
        }
        return ErrorHandler.OK;
    }
}
