package io.jenkins.plugins.imagelifecycle.sbom;

import java.util.Locale;
import java.util.Optional;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.library.LicenseInfoFactory;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.SpdxModelFactory;
import org.spdx.library.model.v2.license.AnyLicenseInfo;
import org.spdx.library.model.v2.license.InvalidLicenseExpression;
import org.spdx.storage.IModelStore;
import org.spdx.storage.simple.InMemSpdxStore;

/**
 * Which license strings of a package database are SPDX license expressions, decided once for every format by the
 * SPDX library's parser against the license list bundled in its jar (resources/spdx-java-library.properties
 * turns off its download from spdx.org, so the answer is the same offline and from run to run).
 */
final class SpdxLicenses {
    private static final String SCRATCH_DOCUMENT = "https://image-lifecycle.invalid/spdx/license-check";

    static {
        // registers the SPDX 2 and 3 models; every other call of the library needs it first
        SpdxModelFactory.init();
    }

    private SpdxLicenses() {
    }

    /**
     * The license as an expression in the given SPDX document's store; empty when it is missing, not an
     * expression of listed licenses, or names a custom license (LicenseRef-, DocumentRef-) whose text we don't have.
     */
    static Optional<AnyLicenseInfo> parse(String license, IModelStore store, String documentUri) {
        if (license == null || license.isBlank()) {
            return Optional.empty();
        }
        String l = license.strip();
        String lower = l.toLowerCase(Locale.ROOT);
        if (lower.contains(":") || lower.contains("licenseref-") || lower.contains("additionref-")
                || l.equals("NONE") || l.equals("NOASSERTION")) {
            return Optional.empty();
        }
        try {
            AnyLicenseInfo parsed = LicenseInfoFactory.parseSPDXLicenseStringCompatV2(l, store, documentUri,
                    new ModelCopyManager());
            return parsed instanceof InvalidLicenseExpression ? Optional.empty() : Optional.of(parsed);
        } catch (InvalidSPDXAnalysisException e) {
            return Optional.empty();
        }
    }

    /** Whether {@link #parse} accepts the license. */
    static boolean isExpression(String license) {
        return parse(license, new InMemSpdxStore(), SCRATCH_DOCUMENT).isPresent();
    }
}
