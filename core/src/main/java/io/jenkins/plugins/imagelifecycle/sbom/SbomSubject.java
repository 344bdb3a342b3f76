package io.jenkins.plugins.imagelifecycle.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURLBuilder;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The image an SBOM describes, named the same way in every format.
 *
 * @param repository where the image lives, {@code registry/path}, without tag or digest
 * @param digest     the image's manifest digest (an index's, for a multi-platform image)
 * @param purl       {@code pkg:oci/NAME@sha256%3A…?repository_url=…}, or null when the package-url library refuses the parts
 * @param uuid       derived from the digest alone, so the same image yields the same document identity
 */
record SbomSubject(String repository, String digest, String purl, UUID uuid) {

    static SbomSubject of(String imageRepository, ImageInventory inventory) {
        Objects.requireNonNull(imageRepository, "imageRepository");
        Objects.requireNonNull(inventory.digest(), "inventory digest");
        return new SbomSubject(imageRepository, inventory.digest(), purl(imageRepository, inventory.digest()),
                UUID.nameUUIDFromBytes(inventory.digest().getBytes(StandardCharsets.UTF_8)));
    }

    /** The purl-spec's oci type: the last path segment as the name, the whole repository as repository_url. */
    private static String purl(String repository, String digest) {
        String name = repository.substring(repository.lastIndexOf('/') + 1);
        try {
            return PackageURLBuilder.aPackageURL().withType("oci").withName(name).withVersion(digest)
                    .withQualifier("repository_url", repository).build().canonicalize();
        } catch (MalformedPackageURLException e) {
            return null;
        }
    }
}
