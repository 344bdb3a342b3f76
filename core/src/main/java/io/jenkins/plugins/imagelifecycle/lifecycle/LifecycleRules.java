package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The end-of-life rules every operation that uses an image shares (DESIGN.md §1): a retired or failed
 * image is refused, a deprecated one is allowed until its end-of-life date with a warning naming it.
 */
public final class LifecycleRules {
    private LifecycleRules() {
    }

    /**
     * For promotion: refuses retired and failed images and deprecated ones past their end of life.
     *
     * @return the warning to log when the image is deprecated but still before its end of life
     */
    public static Optional<String> checkPromotable(ImageRecord image, LocalDate today) {
        refuseRetiredOrFailed(image, "promotion");
        if (image.stage() == Stage.DEPRECATED && image.eolDate() != null && today.isAfter(image.eolDate())) {
            throw new GateRefusedException("Image " + image.displayRef() + " (" + image.digest() + ") reached its end of life on "
                    + image.eolDate() + "; promotion of deprecated images is refused after that date");
        }
        return deprecationWarning(image);
    }

    /** For building on an image (augment): refuses retired and failed images, warns about deprecated ones. */
    public static Optional<String> checkBuildable(ImageRecord image) {
        refuseRetiredOrFailed(image, "building on it");
        return deprecationWarning(image);
    }

    private static void refuseRetiredOrFailed(ImageRecord image, String what) {
        if (image.stage() == Stage.RETIRED || image.stage() == Stage.FAILED) {
            throw new GateRefusedException("Image " + image.displayRef() + " (" + image.digest() + ") is "
                    + image.stage().id() + "; " + what + " is refused for failed and retired images");
        }
    }

    private static Optional<String> deprecationWarning(ImageRecord image) {
        if (image.stage() != Stage.DEPRECATED) {
            return Optional.empty();
        }
        return Optional.of("WARNING: image " + image.displayRef() + " is deprecated"
                + (image.eolDate() == null ? "" : ", end of life " + image.eolDate()));
    }
}
