package io.jenkins.plugins.imagelifecycle.view;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.OutdatedImages;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each of some images stands now: its stage, the environments where it is the current digest,
 * whether it is outdated (a retired ancestor) and its end-of-life date. Three catalog reads, whatever
 * the number of images.
 */
public final class ImageStandings {
    /** @param environments where this digest is current, in the order they were entered */
    public record Standing(ImageRecord image, Stage stage, List<String> environments, String outdatedReason, LocalDate eolDate) {
        public boolean outdated() {
            return outdatedReason != null;
        }
    }

    private ImageStandings() {
    }

    /** Standings of the given digests that the catalog knows, in the order given. */
    public static Map<String, Standing> of(Catalog catalog, Collection<String> digests) {
        Map<String, String> outdated = OutdatedImages.parentRetired(catalog);
        Map<String, List<String>> placed = new LinkedHashMap<>();
        for (Placement p : catalog.currentPlacements()) {
            placed.computeIfAbsent(p.digest(), d -> new ArrayList<>()).add(p.environment());
        }
        Map<String, Standing> standings = new LinkedHashMap<>();
        for (String digest : digests) {
            Optional<ImageRecord> image = catalog.find(digest);
            image.ifPresent(i -> standings.put(digest, new Standing(i, i.stage(), List.copyOf(placed.getOrDefault(digest, List.of())),
                    outdated.get(digest), i.eolDate())));
        }
        return standings;
    }
}
