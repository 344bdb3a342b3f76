package io.jenkins.plugins.imagelifecycle.contents;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import java.util.Map;

/** Package URLs (the package-url library's canonical form) for the packages an image carries. */
final class PackageUrls {
    private PackageUrls() {
    }

    /** {@code pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12}; null when the library refuses the parts. */
    static String of(String type, OsRelease os, String name, String version, String arch) {
        return of(type, os, name, version, arch, Map.of());
    }

    /** With further qualifiers: rpm's {@code epoch}. */
    static String of(String type, OsRelease os, String name, String version, String arch, Map<String, String> qualifiers) {
        try {
            PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(type).withName(name).withVersion(version);
            if (os.known()) {
                b.withNamespace(os.id());
                b.withQualifier("distro", os.versionId() == null ? os.id() : os.id() + "-" + os.versionId());
            }
            if (arch != null && !arch.isBlank()) {
                b.withQualifier("arch", arch);
            }
            qualifiers.forEach(b::withQualifier);
            return b.build().canonicalize();
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }
}
