package io.jenkins.plugins.imagelifecycle.sbom;

import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.spdx.core.InvalidSPDXAnalysisException;
import org.spdx.jacksonstore.MultiFormatStore;
import org.spdx.library.LicenseInfoFactory;
import org.spdx.library.ModelCopyManager;
import org.spdx.library.SpdxModelFactory;
import org.spdx.library.model.v2.ReferenceType;
import org.spdx.library.model.v2.SpdxDocument;
import org.spdx.library.model.v2.SpdxModelFactoryCompatV2;
import org.spdx.library.model.v2.SpdxPackage;
import org.spdx.library.model.v2.Version;
import org.spdx.library.model.v2.enumerations.Purpose;
import org.spdx.library.model.v2.enumerations.ReferenceCategory;
import org.spdx.library.model.v2.enumerations.RelationshipType;
import org.spdx.library.model.v2.license.AnyLicenseInfo;
import org.spdx.library.model.v2.license.SpdxNoAssertionLicense;
import org.spdx.library.referencetype.ListedReferenceTypes;
import org.spdx.storage.simple.InMemSpdxStore;

/**
 * An image's inventory as an SPDX 2.3 JSON document, built in the SPDX library's model, checked by its
 * {@code verify()} and written by its Jackson store. The document DESCRIBES the image, which CONTAINS its OS
 * and every installed package; nothing was analysed file by file.
 */
public final class SpdxSbom {
    public static final String SPEC_VERSION = Version.TWO_POINT_THREE_VERSION;
    public static final String TOOL_NAME = "image-lifecycle";
    /** Where our document namespaces live; a namespace is a unique URI, not necessarily one that resolves. */
    public static final String NAMESPACE_PREFIX = "https://github.com/jenkinsci/image-lifecycle-plugin/spdx/";
    private static final String NOASSERTION = "NOASSERTION";

    static {
        // registers the SPDX 2 and 3 models: without it the library knows no spec version
        SpdxModelFactory.init();
    }

    private SpdxSbom() {
    }

    /**
     * @param imageRepository {@code registry/path} of the image, without tag or digest
     * @param created         the document's creation time (seconds precision), given so that the same inventory yields the same bytes
     * @throws IllegalStateException when the library's verification finds a problem, naming the first
     */
    public static String json(String imageRepository, ImageInventory inventory, String toolVersion, Instant created) {
        SbomSubject subject = SbomSubject.of(imageRepository, inventory);
        try {
            MultiFormatStore store = new MultiFormatStore(new InMemSpdxStore(), MultiFormatStore.Format.JSON_PRETTY);
            SpdxDocument document = document(store, subject, inventory, toolVersion, created);
            List<String> problems = document.verify();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("SPDX " + SPEC_VERSION + " document is invalid (" + problems.size()
                        + " problem(s)), first: " + problems.get(0));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.serialize(out, document);
            return out.toString(StandardCharsets.UTF_8);
        } catch (InvalidSPDXAnalysisException e) {
            throw new IllegalStateException("SPDX library refused the document: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpdxDocument document(MultiFormatStore store, SbomSubject subject, ImageInventory inventory,
                                         String toolVersion, Instant created) throws InvalidSPDXAnalysisException {
        String uri = NAMESPACE_PREFIX + idPart(subject.repository()) + "-" + subject.uuid();
        SpdxDocument doc = SpdxModelFactoryCompatV2.createSpdxDocumentV2(store, uri, new ModelCopyManager());
        doc.setSpecVersion(SPEC_VERSION);
        doc.setName(subject.repository() + "@" + subject.digest());
        doc.setDataLicense(LicenseInfoFactory.parseSPDXLicenseStringCompatV2("CC0-1.0", store, uri, doc.getCopyManager()));
        doc.setCreationInfo(doc.createCreationInfo(List.of("Tool: " + TOOL_NAME + "-" + toolVersion),
                DateTimeFormatter.ISO_INSTANT.format(created.truncatedTo(ChronoUnit.SECONDS))));

        ReferenceType purl = ListedReferenceTypes.getListedReferenceTypes().getListedReferenceTypeByName("purl");
        SpdxPackage image = unanalysed(doc, "SPDXRef-Image", subject.repository(), subject.digest(), null)
                .setPrimaryPurpose(Purpose.CONTAINER)
                .build();
        if (subject.purl() != null) {
            image.addExternalRef(doc.createExternalRef(ReferenceCategory.PACKAGE_MANAGER, purl, subject.purl(), null));
        }
        doc.getDocumentDescribes().add(image);

        OsRelease os = inventory.os();
        if (os.known()) {
            SpdxPackage.SpdxPackageBuilder b = unanalysed(doc, "SPDXRef-OperatingSystem", os.id(), os.versionId(), null)
                    .setPrimaryPurpose(Purpose.OPERATING_SYSTEM);
            if (os.prettyName() != null) {
                b.setDescription(os.prettyName());
            }
            contains(image, b.build());
        }

        Set<String> ids = new HashSet<>();
        for (InstalledPackage p : inventory.packages()) {
            String id = uniqueId(ids, "SPDXRef-Package-" + p.ecosystem() + "-" + p.name() + "-" + p.version());
            AnyLicenseInfo declared = SpdxLicenses.parse(p.license(), store, uri).orElse(null);
            SpdxPackage.SpdxPackageBuilder b = unanalysed(doc, id, p.name(), p.version(), declared);
            if (p.purl() != null) {
                b.addExternalRef(doc.createExternalRef(ReferenceCategory.PACKAGE_MANAGER, purl, p.purl(), null));
            }
            if (p.sourceName() != null && !p.sourceName().equals(p.name())) {
                b.setSourceInfo("built from source package " + p.sourceName()
                        + (p.sourceVersion() == null ? "" : " " + p.sourceVersion()));
            }
            contains(image, b.build());
        }
        return doc;
    }

    /** A package we know by name and version only: no download location, no file analysis, no concluded license. */
    private static SpdxPackage.SpdxPackageBuilder unanalysed(SpdxDocument doc, String id, String name, String version,
                                                             AnyLicenseInfo declared) throws InvalidSPDXAnalysisException {
        AnyLicenseInfo noAssertion = new SpdxNoAssertionLicense(doc.getModelStore(), doc.getDocumentUri());
        SpdxPackage.SpdxPackageBuilder b = doc.createPackage(id, name, noAssertion, NOASSERTION,
                        declared == null ? noAssertion : declared)
                .setDownloadLocation(NOASSERTION)
                .setFilesAnalyzed(false);
        if (version != null) {
            b.setVersionInfo(version);
        }
        return b;
    }

    private static void contains(SpdxPackage image, SpdxPackage part) throws InvalidSPDXAnalysisException {
        image.addRelationship(image.createRelationship(part, RelationshipType.CONTAINS, null));
    }

    /** An SPDX id holds letters, digits, '.' and '-' only; a second package with the same gets "-2" and so on. */
    private static String uniqueId(Set<String> taken, String wanted) {
        String base = idPart(wanted);
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static String idPart(String s) {
        return s.replaceAll("[^A-Za-z0-9.-]", "-");
    }
}
