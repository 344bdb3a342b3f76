package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.NotFoundException;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Finds the blessed image an augment builds on, pinned by digest, and applies the catalog's rules:
 * it must be known as blessed, and neither failed nor retired. A deprecated parent is allowed with a
 * warning naming its end-of-life date.
 */
public final class ParentLookup {
    private final Catalog catalog;
    private final RegistryClient registry;

    public ParentLookup(Catalog catalog, RegistryClient registry) {
        this.catalog = catalog;
        this.registry = registry;
    }

    /**
     * @param from a reference with tag or digest, or a bare {@code sha256:…} digest of a catalog image
     */
    public ParentImage blessedParent(String from, PrintStream log) {
        ImageRecord parent;
        String shownAs;
        if (Digest.meantAsDigest(from)) {
            parent = catalog.find(Digest.parse(from).toString()).orElseThrow(() -> unknown(from));
            shownAs = parent.displayRef();
        } else {
            ImageRef ref = ImageRef.parse(from);
            Digest digest = ref.digest().orElseGet(() -> registry.resolve(ref));
            Optional<ImageRecord> found = catalog.find(digest.toString());
            parent = found.orElseThrow(() -> unknown(from + " (" + digest + ")"));
            shownAs = ref.toString();
            if (ref.digest().isEmpty()) {
                log.println("Pinned parent " + ref + " to " + digest);
            }
        }
        if (parent.role() != Role.BLESSED) {
            throw new GateRefusedException("Image " + from + " is recorded as " + parent.role().id()
                    + ", not blessed; augment builds only on blessed images");
        }
        if (parent.stage() == Stage.FAILED || parent.stage() == Stage.RETIRED) {
            throw new GateRefusedException("Image " + from + " is " + parent.stage().id()
                    + "; augment refuses to build on a failed or retired image");
        }
        if (parent.stage() == Stage.DEPRECATED) {
            LocalDate eol = parent.eolDate();
            log.println("WARNING: parent " + from + " is deprecated" + (eol == null ? "" : ", end of life " + eol));
        }
        return new ParentImage(parent.repository(), Digest.parse(parent.digest()), shownAs, parent.baseRef(),
                parent.baseDigest());
    }

    /** An image the catalog does not know is bad input, as for every other command; a known one that is not fit is refused. */
    private static NotFoundException unknown(String from) {
        return new NotFoundException("Image " + from + " is not in the catalog as a blessed image; "
                + "augment builds only on images blessed through image-lifecycle");
    }
}
