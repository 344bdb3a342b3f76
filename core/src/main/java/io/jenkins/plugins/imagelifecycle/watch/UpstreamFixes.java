package io.jenkins.plugins.imagelifecycle.watch;

import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.PackageVersions;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.support.Messages;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What rebuilding from a blessed (or host) image needs for an advisory's fix: whether the upstream it was
 * built on has a newer digest whose packages already hold the fixed version (the cascade from bless picks
 * it up), or not (the rebuild must install the fix: its Dockerfile runs the package manager). Only the
 * upstreams this check resolved are read, each newer digest once.
 */
final class UpstreamFixes {
    private final Map<String, UpstreamStatus> byRef = new HashMap<>();
    private final Function<ImageRef, List<InstalledPackage>> packagesOf;
    private final Map<String, Read> read = new HashMap<>();

    /** A newer upstream's packages, or why they cannot be read. */
    private record Read(List<InstalledPackage> packages, String failure) {
    }

    /** @param packagesOf the packages of a pinned upstream image; may throw when it cannot be read */
    UpstreamFixes(List<UpstreamStatus> statuses, Function<ImageRef, List<InstalledPackage>> packagesOf) {
        statuses.forEach(s -> byRef.put(s.upstreamRef(), s));
        this.packagesOf = packagesOf;
    }

    /** The plan's words on what the rebuild needs, beginning with "; ", or "" when the upstream was not checked. */
    String note(ImageRecord from, Finding finding) {
        if ((from.role() != Role.BLESSED && from.role() != Role.HOST) || from.baseRef() == null) {
            return "";
        }
        String ref = WatchedRefs.normalise(from.baseRef());
        UpstreamStatus status = ref == null ? null : byRef.get(ref);
        if (status == null || status.current() == null) {
            return "";
        }
        if (status.current().equals(from.baseDigest())) {
            return "; the upstream " + ref + " is unchanged: the rebuild must install the fix (its Dockerfile runs the package manager)";
        }
        Read upstream = read.computeIfAbsent(status.current(), digest -> {
            try {
                return new Read(packagesOf.apply(ImageRef.parse(ImageRef.parse(ref).name() + "@" + digest)), null);
            } catch (RuntimeException e) {
                return new Read(List.of(), Messages.firstLine(e.getMessage(), e.getClass().getSimpleName()));
            }
        });
        String newer = ref + " (" + status.current() + ")";
        if (upstream.failure() != null) {
            return "; the packages of the newer upstream " + newer + " cannot be read: " + upstream.failure();
        }
        InstalledPackage carried = carrying(upstream.packages(), finding);
        if (carried == null) {
            return "; the newer upstream " + newer + " no longer carries " + finding.packageName() + ": the cascade from bless drops it";
        }
        // the version the advisory's name means: the package's own, or its source package's
        String held = carried.name().equals(finding.packageName()) ? carried.version() : carried.sourceVersion();
        if (PackageVersions.compare(carried.ecosystem(), held, finding.fixedVersion()) >= 0) {
            return "; the newer upstream " + newer + " holds " + finding.packageName() + " " + held + ": the cascade from bless picks it up";
        }
        return "; the newer upstream " + newer + " still holds " + finding.packageName() + " " + held
                + ": the rebuild must install the fix (its Dockerfile runs the package manager)";
    }

    /** The package the advisory's name means, by its own name or its source package's; null when none. */
    private static InstalledPackage carrying(List<InstalledPackage> packages, Finding finding) {
        for (InstalledPackage p : packages) {
            if (p.name().equals(finding.packageName()) || p.sourceName().equals(finding.packageName())) {
                return p;
            }
        }
        return null;
    }
}
