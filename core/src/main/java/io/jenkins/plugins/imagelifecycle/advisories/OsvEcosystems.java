package io.jenkins.plugins.imagelifecycle.advisories;

import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import java.util.Optional;

/**
 * Which OSV ecosystem an image's OS belongs to, and which package database its advisories speak of
 * (docs/advisories.md has the table):
 * <pre>
 * os-release ID  VERSION_ID  OSV ecosystem                 packages
 * debian         12          Debian:12                     deb (by source package)
 * ubuntu         22.04       Ubuntu:22.04 (and :LTS)       deb (by source package)
 * alpine         3.20.1      Alpine:v3.20                  apk (by origin)
 * rhel           9.4         Red Hat:enterprise_linux:9…   rpm
 * rocky          9.3         Rocky Linux:9                 rpm
 * almalinux      9.3         AlmaLinux:9                   rpm
 * </pre>
 */
public final class OsvEcosystems {
    private OsvEcosystems() {
    }

    /** The image's OSV ecosystem, or empty for an OS the table does not name (its packages match no advisory). */
    public static Optional<String> of(OsRelease os) {
        if (!os.known() || os.versionId() == null) {
            return Optional.empty();
        }
        String v = os.versionId();
        String major = v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
        return Optional.ofNullable(switch (os.id()) {
            case "debian" -> "Debian:" + major;
            case "ubuntu" -> "Ubuntu:" + v;
            case "alpine" -> "Alpine:v" + majorMinor(v);
            case "rhel" -> "Red Hat:enterprise_linux:" + major;
            case "rocky" -> "Rocky Linux:" + major;
            case "almalinux" -> "AlmaLinux:" + major;
            default -> null;
        });
    }

    /** Whether an advisory's ecosystem speaks of the image's: the same, or a variant of it ({@code Ubuntu:22.04:LTS}). */
    public static boolean covers(String advisoryEcosystem, String imageEcosystem) {
        return advisoryEcosystem.equals(imageEcosystem) || advisoryEcosystem.startsWith(imageEcosystem + ":");
    }

    /** The package URL type ({@code deb}, {@code apk}, {@code rpm}) of an OSV ecosystem, or null for one not handled here. */
    public static String packageType(String osvEcosystem) {
        String family = osvEcosystem.contains(":") ? osvEcosystem.substring(0, osvEcosystem.indexOf(':')) : osvEcosystem;
        return switch (family) {
            case "Debian", "Ubuntu" -> "deb";
            case "Alpine" -> "apk";
            case "Red Hat", "Rocky Linux", "AlmaLinux" -> "rpm";
            default -> null;
        };
    }

    private static String majorMinor(String v) {
        String[] parts = v.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : v;
    }
}
