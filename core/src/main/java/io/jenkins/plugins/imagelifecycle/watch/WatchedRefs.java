package io.jenkins.plugins.imagelifecycle.watch;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tracked upstream references: the distinct base references of live blessed (and host) images,
 * each with the base digest its newest image was built from.
 */
final class WatchedRefs {
    private WatchedRefs() {
    }

    /** @return normalised upstream reference → the newest live blessed or host image built on it */
    static Map<String, ImageRecord> newestByUpstream(Collection<ImageRecord> images) {
        Map<String, ImageRecord> newest = new LinkedHashMap<>();
        for (ImageRecord image : images) {
            if ((image.role() != Role.BLESSED && image.role() != Role.HOST) || image.baseRef() == null
                    || image.stage() == Stage.RETIRED || image.stage() == Stage.FAILED) {
                continue;
            }
            String ref = normalise(image.baseRef());
            if (ref == null) {
                continue;
            }
            ImageRecord known = newest.get(ref);
            if (known == null || image.createdAt().isAfter(known.createdAt())) {
                newest.put(ref, image);
            }
        }
        return newest;
    }

    /**
     * A base reference as tag without digest ({@code host/repo:tag}); null when it is not a reference we
     * can watch. A reference by digest alone names no tag: guessing {@code :latest} would watch a tag
     * nobody pushed. What such an image was built on is followed through the catalog instead (a newer
     * image of its parent's family, {@link RebuildPlanner}).
     */
    static String normalise(String baseRef) {
        if (baseRef == null) {
            return null;
        }
        try {
            ImageRef ref = ImageRef.parse(baseRef);
            if (ref.tag().isEmpty()) {
                return null;
            }
            return ref.withoutDigest().name() + ":" + ref.tagOrLatest();
        } catch (BadInputException e) {
            return null;
        }
    }
}
