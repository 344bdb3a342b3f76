package io.jenkins.plugins.imagelifecycle.view;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.OutdatedImages;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each of some images stands now: its record (stage, end-of-life date), the environments where it is
 * the current digest, and whether it is outdated (a retired ancestor). Two catalog reads for all images,
 * then one per image.
 */
public final class ImageStandings {
    /** @param environments where this digest is current, in the order they were entered */
    public record Standing(ImageRecord image, List<String> environments, String outdatedReason) {
        public boolean outdated() {
            return outdatedReason != null;
        }
    }

    private ImageStandings() {
    }

    /** Standings of the given digests that the catalog knows, in the order given. */
    public static Map<String, Standing> of(Catalog catalog, Collection<String> digests) {
        Map<String, String> outdated = OutdatedImages.parentRetired(catalog);
        EnvironmentStates placed = EnvironmentStates.of(catalog);
        Map<String, Standing> standings = new LinkedHashMap<>();
        for (String digest : digests) {
            Optional<ImageRecord> image = catalog.find(digest);
            image.ifPresent(i -> standings.put(digest, new Standing(i, placed.labelList(digest), outdated.get(digest))));
        }
        return standings;
    }
}
