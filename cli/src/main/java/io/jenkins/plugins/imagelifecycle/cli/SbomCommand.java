package io.jenkins.plugins.imagelifecycle.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.registry.AttestationStore;
import io.jenkins.plugins.imagelifecycle.sbom.SbomFormat;
import io.jenkins.plugins.imagelifecycle.sbom.SbomStatement;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.ToolVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sbom", mixinStandardHelpOptions = true,
        description = "Print an image's SBOM: the CycloneDX 1.6 document stored beside it as an attestation (default), "
                + "or SPDX 2.3 made from the catalog's record of its contents (a host image's both from the catalog).")
final class SbomCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--image", required = true, paramLabel = "REF", description = "Reference or sha256: digest of a catalog image")
    String image;

    @Option(names = "--format", paramLabel = "FORMAT", description = "cyclonedx (default) or spdx")
    String format = "cyclonedx";

    @Override
    public Integer call() {
        SbomFormat chosen;
        try {
            chosen = SbomFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        try (Catalog catalog = common.openCatalog()) {
            ImageRecord record = catalog.require(image);
            // a host image has no registry to hold an SBOM beside it: both formats come from the catalog's record
            JsonNode document = chosen == SbomFormat.CYCLONEDX && record.role() != Role.HOST ? stored(record)
                    : fromCatalog(catalog, record, chosen);
            spec.commandLine().getOut().println(Json.pretty(document));
        }
        return ErrorHandler.OK;
    }

    /** The attestation itself, as it travels with the image: what a consumer of the registry sees. */
    private JsonNode stored(ImageRecord record) {
        ImageRef repo = ImageRef.parse(record.repository());
        AttestationStore store = new AttestationStore(engine.registry());
        AttestationStore.Attestation sbom = store.list(repo, Digest.parse(record.digest())).stream()
                .filter(a -> a.predicateType().equals(SbomFormat.CYCLONEDX.predicateType())).findFirst()
                .orElseThrow(() -> new NotFoundException("No CycloneDX SBOM is stored beside " + record.displayRef()
                        + ": run contents --image " + record.digest() + " to read its contents and store one"));
        return Json.read(io.jenkins.plugins.imagelifecycle.signing.DsseEnvelope.open(store.read(repo, sbom)).statement()).path("predicate");
    }

    private static JsonNode fromCatalog(Catalog catalog, ImageRecord record, SbomFormat format) {
        ContentsStore store = new ContentsStore(catalog);
        ContentsStore.Summary summary = store.summary(record.digest()).filter(ContentsStore.Summary::readable)
                .orElseThrow(() -> new NotFoundException("The contents of " + record.displayRef() + " are not on record: run "
                        + "contents --image " + record.digest() + " first"));
        ImageInventory inventory = store.inventory(record.digest()).orElseThrow();
        return Json.read(SbomStatement.of(record.repository(), inventory, format, ToolVersion.current(), summary.readAt()))
                .path("predicate");
    }
}
