package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.advisories.Severity;
import io.jenkins.plugins.imagelifecycle.catalog.AdvisoryStore;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.catalog.ContentsStore;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.model.AdvisoryWaiver;
import io.jenkins.plugins.imagelifecycle.model.Finding;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The vulnerability gate of an environment with {@code blockSeverity}: no open finding at or above it,
 * unless the request waives each one (a reason and an end date, recorded with the promotion). An image
 * whose contents are unknown is refused, never waved through: the gate cannot tell.
 */
final class AdvisoryGate {
    private AdvisoryGate() {
    }

    /** @return the waived findings, as the promotion records them ({@code DSA-1 on openssl 3.0.11: reason, until 2027-01-31}) */
    static List<String> check(Catalog catalog, ImageRecord image, Environment env, PromoteRequest request, LocalDate today) {
        if (env.blockSeverity() == null) {
            return List.of();
        }
        String who = image.displayRef() + " (" + image.digest() + ")";
        Severity block = Severity.parse(env.blockSeverity());
        var summary = new ContentsStore(catalog).summary(image.digest());
        if (summary.isEmpty() || !summary.get().readable()) {
            throw new GateRefusedException("Environment " + env.name() + " refuses images with findings at or above " + block.id()
                    + ", and the contents of " + who + " are unknown" + summary.map(s -> " (" + s.failure() + ")").orElse("")
                    + ": read them with contents --image " + image.digest());
        }
        List<String> waived = new ArrayList<>();
        TreeSet<String> blocking = new TreeSet<>();
        for (Finding f : new AdvisoryStore(catalog).findings(image.digest(), true)) {
            if (Severity.fromWord(f.severity()).compareTo(block) < 0) {
                continue;
            }
            AdvisoryWaiver waiver = request.advisoryWaivers().stream().filter(w -> w.waives(f, today)).findFirst().orElse(null);
            if (waiver == null) {
                boolean expired = request.advisoryWaivers().stream().anyMatch(w -> w.waives(f, w.until()) && today.isAfter(w.until()));
                blocking.add(f.advisory() + " (" + f.severity() + ", " + f.packageName() + " " + f.installedVersion()
                        + (expired ? ", its waiver expired" : "") + ")");
            } else {
                waived.add(f.advisory() + " on " + f.packageName() + " " + f.installedVersion() + ": " + waiver.reason() + ", until "
                        + waiver.until());
            }
        }
        if (!blocking.isEmpty()) {
            throw new GateRefusedException("Environment " + env.name() + " refuses images with findings at or above " + block.id()
                    + ", and " + who + " has " + String.join("; ", blocking)
                    + ": rebuild it with the fix, or waive each with --waive-advisory ID --reason TEXT --until DATE");
        }
        return waived;
    }
}
