package io.jenkins.plugins.imagelifecycle.sbom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An SBOM as an in-toto Statement v1 whose subject is the image and whose predicate is the SBOM document
 * itself (predicate type {@code https://cyclonedx.org/bom} or {@code https://spdx.dev/Document}), so that it
 * is stored, listed and copied on promotion like provenance and test results.
 */
public final class SbomStatement {
    private SbomStatement() {
    }

    /**
     * @param created the document's timestamp (to the second): the time the contents were read, so that the
     *                same reading always yields the same statement
     */
    public static String of(String repository, ImageInventory inventory, SbomFormat format, String toolVersion, Instant created) {
        String document = format.document(repository, inOrder(inventory), toolVersion, created.truncatedTo(ChronoUnit.SECONDS));
        ObjectNode statement = Json.object();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        Digest digest = Digest.parse(inventory.digest());
        ObjectNode subject = statement.putArray("subject").addObject().put("name", repository);
        subject.putObject("digest").put(digest.algorithm(), digest.hex());
        statement.put("predicateType", format.predicateType());
        statement.set("predicate", Json.read(document));
        return Json.write(statement);
    }

    /** Packages by ecosystem, name and architecture: the order the catalog keeps them in, whichever order the database had. */
    static ImageInventory inOrder(ImageInventory inventory) {
        List<InstalledPackage> sorted = inventory.packages().stream()
                .sorted(Comparator.comparing(InstalledPackage::ecosystem).thenComparing(InstalledPackage::name)
                        .thenComparing(p -> Objects.toString(p.architecture(), "")))
                .toList();
        return new ImageInventory(inventory.digest(), inventory.platformDigest(), inventory.os(), sorted, inventory.files(),
                inventory.layers());
    }
}
