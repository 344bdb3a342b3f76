package io.jenkins.plugins.imagelifecycle.sbom;

import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import java.time.Instant;
import java.util.Locale;

/**
 * The SBOM formats an image's inventory can be written in, with the in-toto predicate type an attestation of
 * that document carries.
 */
public enum SbomFormat {
    CYCLONEDX("https://cyclonedx.org/bom") {
        @Override
        public String document(String imageRepository, ImageInventory inventory, String toolVersion, Instant created) {
            return CycloneDxSbom.json(imageRepository, inventory, toolVersion, created);
        }
    },
    SPDX("https://spdx.dev/Document") {
        @Override
        public String document(String imageRepository, ImageInventory inventory, String toolVersion, Instant created) {
            return SpdxSbom.json(imageRepository, inventory, toolVersion, created);
        }
    };

    private final String predicateType;

    SbomFormat(String predicateType) {
        this.predicateType = predicateType;
    }

    /** The in-toto Statement's {@code predicateType} for a document of this format. */
    public String predicateType() {
        return predicateType;
    }

    /** The image's SBOM in this format, validated by the format's own library. */
    public abstract String document(String imageRepository, ImageInventory inventory, String toolVersion, Instant created);

    /** A format as a user names it ({@code cyclonedx}, {@code spdx}; any case). */
    public static SbomFormat parse(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "cyclonedx" -> CYCLONEDX;
            case "spdx" -> SPDX;
            default -> throw new IllegalArgumentException("Unknown SBOM format '" + name + "': expected cyclonedx or spdx");
        };
    }
}
