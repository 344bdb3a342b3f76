package io.jenkins.plugins.imagelifecycle.contents;

/** Each package ecosystem's own version order, chosen by the package URL type an inventory records. */
public final class PackageVersions {
    private PackageVersions() {
    }

    /**
     * Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}.
     *
     * @throws IllegalArgumentException for an ecosystem other than {@code deb}, {@code rpm} or {@code apk}
     */
    public static int compare(String ecosystem, String a, String b) {
        return switch (ecosystem) {
            case "deb" -> DpkgVersion.compare(a, b);
            case "rpm" -> RpmVersion.compare(a, b);
            case "apk" -> ApkVersion.compare(a, b);
            default -> throw new IllegalArgumentException("Unknown package ecosystem '" + ecosystem + "': expected deb, rpm or apk");
        };
    }
}
