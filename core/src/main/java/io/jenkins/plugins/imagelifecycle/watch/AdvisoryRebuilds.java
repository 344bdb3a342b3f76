package io.jenkins.plugins.imagelifecycle.watch;

import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds that advisories call for: each open finding with a fix available, on the newest live image of its
 * family, asks for a rebuild from the highest ancestor in the catalog that carries the package in the same
 * version — the blessed image when the package came with the base (the cascade from bless picks up the
 * patched base), else the image that installed it (its Dockerfile ran the package manager) — and
 * everything built on it.
 */
public final class AdvisoryRebuilds {
    /**
     * One open finding with a fix, and the image to rebuild from for it.
     *
     * @param from        the image whose rebuild fixes it (the finding's image or an ancestor)
     * @param reason      {@code DSA-5678-1: openssl 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1}
     * @param firstOpened when the family first had this advisory on this package: a rebuild started after it
     *                    has answered it, whatever its outcome (so a fix not yet available does not loop)
     */
    public record Due(ImageRecord from, Finding finding, String reason, Instant firstOpened) {
    }

    private AdvisoryRebuilds() {
    }

    /** Every open finding with a fix on the newest live image of its family, with the image to rebuild from. */
    public static List<Due> due(Catalog catalog, List<ImageRecord> images) {
        Map<String, ImageRecord> byDigest = new HashMap<>();
        Map<String, ImageRecord> newest = new HashMap<>();
        for (ImageRecord i : images) {
            byDigest.put(i.digest(), i);
            if (i.stage() != Stage.RETIRED && i.stage() != Stage.FAILED) {
                newest.merge(i.repository(), i, (a, b) -> b.createdAt().isAfter(a.createdAt()) ? b : a);
            }
        }
        List<Finding> all = new AdvisoryStore(catalog).findings(null, false);
        Map<String, Instant> firstOpened = new HashMap<>();
        for (Finding f : all) {
            ImageRecord image = byDigest.get(f.digest());
            if (image != null) {
                firstOpened.merge(familyKey(image, f), f.openedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        ContentsStore contents = new ContentsStore(catalog);
        // one image's packages are read once, however many of its descendants' findings ask about it
        Map<String, List<InstalledPackage>> packages = new HashMap<>();
        List<Due> out = new ArrayList<>();
        for (Finding f : all) {
            ImageRecord image = byDigest.get(f.digest());
            ImageRecord newestOfFamily = image == null ? null : newest.get(image.repository());
            if (f.closedAt() != null || f.fixedVersion() == null || newestOfFamily == null || !newestOfFamily.digest().equals(image.digest())) {
                continue;
            }
            ImageRecord from = image;
            for (ImageRecord p = parent(byDigest, from); p != null
                    && carries(packages.computeIfAbsent(p.digest(), contents::packages), f); p = parent(byDigest, p)) {
                from = p;
            }
            String reason = f.advisory() + ": " + f.packageName() + " " + f.installedVersion() + " → " + f.fixedVersion();
            out.add(new Due(from, f, reason, firstOpened.get(familyKey(image, f))));
        }
        return out;
    }

    private static String familyKey(ImageRecord image, Finding f) {
        return image.repository() + "\u0000" + f.advisoryId() + "\u0000" + f.packageName();
    }

    private static ImageRecord parent(Map<String, ImageRecord> byDigest, ImageRecord image) {
        return image.parentDigest() == null ? null : byDigest.get(image.parentDigest());
    }

    /** The ancestor's packages hold the finding's package (by name or source) in the same version. */
    private static boolean carries(List<InstalledPackage> ancestorPackages, Finding f) {
        for (InstalledPackage p : ancestorPackages) {
            if ((p.name().equals(f.packageName()) && p.version().equals(f.installedVersion()))
                    || (p.sourceName().equals(f.packageName()) && p.sourceVersion().equals(f.installedVersion()))) {
                return true;
            }
        }
        return false;
    }
}
