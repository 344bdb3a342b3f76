package io.jenkins.plugins.imagelifecycle.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.cyclonedx.Version;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

class SbomDocumentsTest {
    private static final String REPOSITORY = "registry.example.com/blessed/base";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String PLATFORM_DIGEST = "sha256:" + "cd".repeat(32);
    private static final Instant CREATED = Instant.parse("2026-03-04T05:06:07Z");
    private static final OsRelease DEBIAN = new OsRelease("debian", "12", "Debian GNU/Linux 12 (bookworm)");

    private static final InstalledPackage BASH = new InstalledPackage("deb", "bash", "5.2.15-2+b2", "amd64", "bash",
            "5.2.15-2", "GPL-3.0-or-later", "pkg:deb/debian/bash@5.2.15-2%2Bb2?arch=amd64&distro=debian-12");
    private static final InstalledPackage COREUTILS = new InstalledPackage("deb", "coreutils", "9.1-1", "amd64",
            "coreutils", "9.1-1", "GPL-2.0-or-later", "pkg:deb/debian/coreutils@9.1-1?arch=amd64&distro=debian-12");
    private static final InstalledPackage PERL = new InstalledPackage("deb", "perl-base", "5.36.0-7+deb12u1", "amd64",
            "perl", "5.36.0-7+deb12u1", "Artistic", "pkg:deb/debian/perl-base@5.36.0-7%2Bdeb12u1?arch=amd64&distro=debian-12");
    private static final InstalledPackage TZDATA = new InstalledPackage("deb", "tzdata", "2024a-0+deb12u1", "all",
            "tzdata", "2024a-0+deb12u1", "custom text", "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12");
    private static final InstalledPackage LIBC = new InstalledPackage("deb", "libc6", "2.36-9+deb12u4", "amd64", "glibc",
            "2.36-9+deb12u4", null, "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12");
    private static final InstalledPackage MUSL = new InstalledPackage("apk", "musl", "1.2.4-r2", "x86_64", "musl",
            "1.2.4-r2", "MIT", "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.19");
    private static final InstalledPackage OPENSSL = new InstalledPackage("rpm", "openssl-libs", "1:3.0.7-27.el9", "x86_64",
            "openssl", "1:3.0.7-27.el9", "Apache-2.0 AND OpenSSL", "pkg:rpm/rhel/openssl-libs@3.0.7-27.el9?arch=x86_64&distro=rhel-9&epoch=1");
    private static final List<InstalledPackage> PACKAGES = List.of(BASH, COREUTILS, PERL, TZDATA, LIBC, MUSL, OPENSSL);

    private static ImageInventory inventory(OsRelease os, List<InstalledPackage> packages) {
        return new ImageInventory(DIGEST, PLATFORM_DIGEST, os, packages, List.of(), List.of("sha256:" + "ef".repeat(32)));
    }

    private static String cycloneDx(ImageInventory inventory) {
        return CycloneDxSbom.json(REPOSITORY, inventory, "1.2.3", CREATED);
    }

    private static String spdx(ImageInventory inventory) {
        return SpdxSbom.json(REPOSITORY, inventory, "1.2.3", CREATED);
    }

    @Test
    void cycloneDxNamesTheImageTheToolTheOsAndEveryPackage() throws Exception {
        String json = cycloneDx(inventory(DEBIAN, PACKAGES));

        assertThat(new JsonParser().validate(json, Version.VERSION_16)).isEmpty();
        Bom bom = new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(bom.getSpecVersion()).isEqualTo("1.6");
        assertThat(bom.getSerialNumber())
                .isEqualTo("urn:uuid:" + UUID.nameUUIDFromBytes(DIGEST.getBytes(StandardCharsets.UTF_8)));
        assertThat(bom.getMetadata().getTimestamp()).isEqualTo(Date.from(CREATED));
        assertThat(bom.getMetadata().getToolChoice().getComponents())
                .singleElement()
                .satisfies(tool -> {
                    assertThat(tool.getName()).isEqualTo("image-lifecycle");
                    assertThat(tool.getVersion()).isEqualTo("1.2.3");
                });

        Component image = bom.getMetadata().getComponent();
        assertThat(image.getType()).isEqualTo(Component.Type.CONTAINER);
        assertThat(image.getName()).isEqualTo(REPOSITORY);
        assertThat(image.getVersion()).isEqualTo(DIGEST);
        assertThat(image.getPurl()).isEqualTo("pkg:oci/base@sha256%3A" + "ab".repeat(32)
                + "?repository_url=registry.example.com%2Fblessed%2Fbase");
        assertThat(image.getBomRef()).isEqualTo(image.getPurl());
        assertThat(image.getProperties()).extracting(Property::getName, Property::getValue)
                .containsExactly(tuple("image-lifecycle:image:platform-digest", PLATFORM_DIGEST));

        assertThat(bom.getComponents()).filteredOn(c -> c.getType() == Component.Type.OPERATING_SYSTEM)
                .singleElement()
                .satisfies(os -> {
                    assertThat(os.getName()).isEqualTo("debian");
                    assertThat(os.getVersion()).isEqualTo("12");
                    assertThat(os.getDescription()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
                });

        Map<String, Component> libraries = bom.getComponents().stream()
                .filter(c -> c.getType() == Component.Type.LIBRARY)
                .collect(Collectors.toMap(Component::getPurl, Function.identity()));
        assertThat(libraries.keySet()).containsExactlyInAnyOrderElementsOf(PACKAGES.stream().map(InstalledPackage::purl).toList());
        for (InstalledPackage p : PACKAGES) {
            Component c = libraries.get(p.purl());
            assertThat(c.getName()).isEqualTo(p.name());
            assertThat(c.getVersion()).isEqualTo(p.version());
            assertThat(c.getBomRef()).isEqualTo(p.purl());
        }
        assertThat(libraries.get(BASH.purl()).getProperties()).extracting(Property::getName, Property::getValue)
                .contains(tuple("image-lifecycle:package:architecture", "amd64"),
                        tuple("image-lifecycle:package:source", "bash"),
                        tuple("image-lifecycle:package:source-version", "5.2.15-2"));
        assertThat(libraries.get(LIBC.purl()).getProperties()).extracting(Property::getName, Property::getValue)
                .contains(tuple("image-lifecycle:package:source", "glibc"));

        // SPDX expressions as expressions; anything else as a license name; no license when none is recorded
        assertThat(libraries.get(COREUTILS.purl()).getLicenses().getExpression().getValue()).isEqualTo("GPL-2.0-or-later");
        assertThat(libraries.get(OPENSSL.purl()).getLicenses().getExpression().getValue()).isEqualTo("Apache-2.0 AND OpenSSL");
        assertThat(libraries.get(MUSL.purl()).getLicenses().getExpression().getValue()).isEqualTo("MIT");
        assertThat(libraries.get(PERL.purl()).getLicenses().getExpression()).isNull();
        assertThat(libraries.get(PERL.purl()).getLicenses().getLicenses()).singleElement()
                .satisfies(l -> assertThat(l.getName()).isEqualTo("Artistic"));
        assertThat(libraries.get(TZDATA.purl()).getLicenses().getLicenses()).singleElement()
                .satisfies(l -> assertThat(l.getName()).isEqualTo("custom text"));
        assertThat(libraries.get(LIBC.purl()).getLicenses()).isNull();
    }

    @Test
    void cycloneDxOfTheSameInventoryIsTheSameBytes() {
        assertThat(cycloneDx(inventory(DEBIAN, PACKAGES))).isEqualTo(cycloneDx(inventory(DEBIAN, PACKAGES)));
    }

    @Test
    void cycloneDxOfAnImageWithoutOsReleaseHasNoOsComponent() throws Exception {
        String json = cycloneDx(inventory(OsRelease.UNKNOWN, List.of(MUSL)));

        Bom bom = new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(bom.getComponents()).extracting(Component::getType).containsExactly(Component.Type.LIBRARY);
    }

    @Test
    void cycloneDxGivesPackagesSharingAPurlDistinctRefs() throws Exception {
        String json = cycloneDx(inventory(DEBIAN, List.of(BASH, BASH, BASH)));

        Bom bom = new JsonParser().parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(bom.getComponents()).filteredOn(c -> c.getType() == Component.Type.LIBRARY)
                .extracting(Component::getBomRef)
                .containsExactly(BASH.purl(), BASH.purl() + " (2)", BASH.purl() + " (3)");
    }

    @Test
    void aCycloneDxDocumentTheSchemaRefusesIsNotReturned() {
        InstalledPackage nameless = new InstalledPackage("deb", null, "1.0", "amd64", null, null, null, null);

        assertThatThrownBy(() -> cycloneDx(inventory(DEBIAN, List.of(nameless))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("CycloneDX 1.6 document is invalid");
    }

    @Test
    void spdxDescribesTheImageWhichContainsTheOsAndEveryPackage() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(spdx(inventory(DEBIAN, PACKAGES)));

        assertThat(doc.path("spdxVersion").asText()).isEqualTo("SPDX-2.3");
        assertThat(doc.path("SPDXID").asText()).isEqualTo("SPDXRef-DOCUMENT");
        assertThat(doc.path("dataLicense").asText()).isEqualTo("CC0-1.0");
        assertThat(doc.path("name").asText()).isEqualTo(REPOSITORY + "@" + DIGEST);
        assertThat(doc.path("documentNamespace").asText()).isEqualTo(SpdxSbom.NAMESPACE_PREFIX
                + "registry.example.com-blessed-base-" + UUID.nameUUIDFromBytes(DIGEST.getBytes(StandardCharsets.UTF_8)));
        assertThat(texts(doc.path("creationInfo").path("creators"))).containsExactly("Tool: image-lifecycle-1.2.3");
        assertThat(doc.path("creationInfo").path("created").asText()).isEqualTo("2026-03-04T05:06:07Z");

        Map<String, JsonNode> byName = StreamSupport.stream(doc.path("packages").spliterator(), false)
                .collect(Collectors.toMap(p -> p.path("name").asText(), Function.identity()));
        JsonNode image = byName.get(REPOSITORY);
        assertThat(image.path("versionInfo").asText()).isEqualTo(DIGEST);
        assertThat(image.path("primaryPackagePurpose").asText()).isEqualTo("CONTAINER");
        assertThat(purls(image)).containsExactly("pkg:oci/base@sha256%3A" + "ab".repeat(32)
                + "?repository_url=registry.example.com%2Fblessed%2Fbase");
        JsonNode os = byName.get("debian");
        assertThat(os.path("versionInfo").asText()).isEqualTo("12");
        assertThat(os.path("primaryPackagePurpose").asText()).isEqualTo("OPERATING_SYSTEM");
        assertThat(os.path("description").asText()).isEqualTo("Debian GNU/Linux 12 (bookworm)");

        for (InstalledPackage p : PACKAGES) {
            JsonNode pkg = byName.get(p.name());
            assertThat(pkg).as(p.name()).isNotNull();
            assertThat(pkg.path("versionInfo").asText()).isEqualTo(p.version());
            assertThat(purls(pkg)).containsExactly(p.purl());
            assertThat(pkg.path("downloadLocation").asText()).isEqualTo("NOASSERTION");
            assertThat(pkg.path("filesAnalyzed").asBoolean(true)).isFalse();
        }
        assertThat(byName.get(COREUTILS.name()).path("licenseDeclared").asText()).isEqualTo("GPL-2.0-or-later");
        // the library writes an expression its own way: parenthesised, members in its order
        assertThat(byName.get(OPENSSL.name()).path("licenseDeclared").asText().replaceAll("[()]", "").split(" AND "))
                .containsExactlyInAnyOrder("Apache-2.0", "OpenSSL");
        assertThat(byName.get(PERL.name()).path("licenseDeclared").asText()).isEqualTo("NOASSERTION");
        assertThat(byName.get(TZDATA.name()).path("licenseDeclared").asText()).isEqualTo("NOASSERTION");
        assertThat(byName.get(LIBC.name()).path("licenseDeclared").asText()).isEqualTo("NOASSERTION");

        String imageId = image.path("SPDXID").asText();
        List<String> relationships = new ArrayList<>();
        doc.path("relationships").forEach(r -> relationships.add(
                r.path("spdxElementId").asText() + " " + r.path("relationshipType").asText() + " " + r.path("relatedSpdxElement").asText()));
        assertThat(relationships).contains("SPDXRef-DOCUMENT DESCRIBES " + imageId);
        for (JsonNode pkg : byName.values()) {
            if (pkg != image) {
                assertThat(relationships).contains(imageId + " CONTAINS " + pkg.path("SPDXID").asText());
            }
        }
    }

    @Test
    void spdxOfTheSameInventoryIsTheSameBytes() {
        assertThat(spdx(inventory(DEBIAN, PACKAGES))).isEqualTo(spdx(inventory(DEBIAN, PACKAGES)));
    }

    @Test
    void spdxOfAnImageWithoutOsReleaseHasNoOsPackage() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(spdx(inventory(OsRelease.UNKNOWN, List.of(MUSL))));

        assertThat(StreamSupport.stream(doc.path("packages").spliterator(), false).map(p -> p.path("name").asText()))
                .containsExactlyInAnyOrder(REPOSITORY, "musl");
    }

    @Test
    void spdxGivesPackagesSharingANameAndVersionDistinctIds() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(spdx(inventory(DEBIAN, List.of(BASH, BASH))));

        assertThat(StreamSupport.stream(doc.path("packages").spliterator(), false).map(p -> p.path("SPDXID").asText()))
                .contains("SPDXRef-Package-deb-bash-5.2.15-2-b2", "SPDXRef-Package-deb-bash-5.2.15-2-b2-2");
    }

    @Test
    void anSpdxDocumentTheLibraryRefusesIsNotReturned() {
        // the library refuses some problems as the model is built, the rest in verify(); either way nothing is returned
        InstalledPackage spaced = new InstalledPackage("deb", "bash", "5.2", "amd64", "bash", "5.2", null, "pkg:deb/debian/ba sh@5.2");

        assertThatThrownBy(() -> spdx(inventory(DEBIAN, List.of(spaced))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SPDX")
                .hasMessageContaining("Reference locator contains spaces");
    }

    @Test
    void formatsAreNamedAsOnTheCommandLine() {
        assertThat(SbomFormat.parse("cyclonedx")).isEqualTo(SbomFormat.CYCLONEDX);
        assertThat(SbomFormat.parse("SPDX")).isEqualTo(SbomFormat.SPDX);
        assertThat(SbomFormat.CYCLONEDX.predicateType()).isEqualTo("https://cyclonedx.org/bom");
        assertThat(SbomFormat.SPDX.predicateType()).isEqualTo("https://spdx.dev/Document");
        assertThat(SbomFormat.SPDX.document(REPOSITORY, inventory(DEBIAN, PACKAGES), "1.2.3", CREATED))
                .isEqualTo(spdx(inventory(DEBIAN, PACKAGES)));
        assertThatThrownBy(() -> SbomFormat.parse("swid"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown SBOM format 'swid': expected cyclonedx or spdx");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> purls(JsonNode pkg) {
        List<String> out = new ArrayList<>();
        pkg.path("externalRefs").forEach(r -> {
            if (r.path("referenceCategory").asText().equals("PACKAGE-MANAGER") && r.path("referenceType").asText().equals("purl")) {
                out.add(r.path("referenceLocator").asText());
            }
        });
        return out;
    }
}
