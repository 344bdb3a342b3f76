package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * An advisory that names a package an image carries, in an affected version. Opened by an advisory import,
 * a scanner's report or a new image's contents; closed by a withdrawal, a modified advisory or a rebuild —
 * each an event on the image, never an edit in place.
 *
 * @param fixedVersion the version that fixes it, or null when there is no fix yet
 * @param severity     {@code low}, {@code medium}, {@code high}, {@code critical} or {@code unknown}
 * @param source       {@code osv}, {@code trivy} or {@code grype}
 */
public record Finding(long id, String digest, String advisoryId, String aliases, String packageName, String installedVersion,
                      String fixedVersion, String severity, String source, Instant openedAt, String openedBy, Instant closedAt,
                      String closedBy) implements Serializable {
    public boolean isOpen() {
        return closedAt == null;
    }

    /** The advisory and its aliases as people name it: {@code DSA-5678-1 (CVE-2024-0727)}. */
    public String advisory() {
        return aliases == null || aliases.isBlank() ? advisoryId : advisoryId + " (" + aliases + ")";
    }
}
