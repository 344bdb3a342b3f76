package io.jenkins.plugins.imagelifecycle.sbom;

import io.jenkins.plugins.imagelifecycle.contents.ImageInventory;
import io.jenkins.plugins.imagelifecycle.contents.InstalledPackage;
import io.jenkins.plugins.imagelifecycle.contents.OsRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;

/**
 * An image's inventory as a CycloneDX 1.6 JSON BOM, written by cyclonedx-core-java and checked against the
 * library's bundled 1.6 JSON schema before it is returned. The image is the metadata component; its OS and
 * every installed package are the components.
 */
public final class CycloneDxSbom {
    public static final Version SPEC_VERSION = Version.VERSION_16;
    public static final String TOOL_NAME = "image-lifecycle";
    /** Prefix of our component properties, as CycloneDX asks of names outside its own taxonomy. */
    public static final String PROPERTY_PREFIX = "image-lifecycle:";

    private CycloneDxSbom() {
    }

    /**
     * @param imageRepository {@code registry/path} of the image, without tag or digest
     * @param created         the BOM's timestamp (seconds precision), given so that the same inventory yields the same bytes
     * @throws IllegalStateException when the library's validator refuses the document, naming the first problem
     */
    public static String json(String imageRepository, ImageInventory inventory, String toolVersion, Instant created) {
        Bom bom = bom(SbomSubject.of(imageRepository, inventory), inventory, toolVersion, created);
        String json;
        try {
            json = BomGeneratorFactory.createJson(SPEC_VERSION, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("CycloneDX generator failed: " + e.getMessage(), e);
        }
        validate(json);
        return json;
    }

    private static Bom bom(SbomSubject subject, ImageInventory inventory, String toolVersion, Instant created) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + subject.uuid());
        bom.setVersion(1);

        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(created));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName(TOOL_NAME);
        tool.setVersion(toolVersion);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        metadata.setComponent(image(subject, inventory));
        bom.setMetadata(metadata);

        List<Component> components = new ArrayList<>();
        if (inventory.os().known()) {
            components.add(operatingSystem(inventory.os()));
        }
        Set<String> refs = new HashSet<>();
        for (InstalledPackage p : inventory.packages()) {
            components.add(library(p, uniqueRef(refs, p)));
        }
        bom.setComponents(components);
        return bom;
    }

    private static Component image(SbomSubject subject, ImageInventory inventory) {
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setName(subject.repository());
        image.setVersion(subject.digest());
        image.setBomRef(subject.purl() != null ? subject.purl() : subject.repository() + "@" + subject.digest());
        if (subject.purl() != null) {
            image.setPurl(subject.purl());
        }
        if (inventory.platformDigest() != null && !inventory.platformDigest().equals(inventory.digest())) {
            // an index: the platform manifest whose layers were read
            image.addProperty(new Property(PROPERTY_PREFIX + "image:platform-digest", inventory.platformDigest()));
        }
        return image;
    }

    private static Component operatingSystem(OsRelease os) {
        Component c = new Component();
        c.setType(Component.Type.OPERATING_SYSTEM);
        c.setBomRef("os:" + os.id() + (os.versionId() == null ? "" : "@" + os.versionId()));
        c.setName(os.id());
        c.setVersion(os.versionId());
        c.setDescription(os.prettyName());
        return c;
    }

    private static Component library(InstalledPackage p, String bomRef) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef(bomRef);
        c.setName(p.name());
        c.setVersion(p.version());
        if (p.purl() != null) {
            c.setPurl(p.purl());
        }
        if (p.license() != null && !p.license().isBlank()) {
            c.setLicenses(license(p.license().strip()));
        }
        addProperty(c, "package:ecosystem", p.ecosystem());
        addProperty(c, "package:architecture", p.architecture());
        addProperty(c, "package:source", p.sourceName());
        addProperty(c, "package:source-version", p.sourceVersion());
        return c;
    }

    /**
     * An SPDX expression when the SPDX parser accepts the string, else the string as a license name. Never a
     * license id: the schema checks ids against its own copy of the SPDX list, which may be older than the parser's.
     */
    private static LicenseChoice license(String license) {
        LicenseChoice choice = new LicenseChoice();
        if (SpdxLicenses.isExpression(license)) {
            choice.setExpression(new Expression(license));
        } else {
            License named = new License();
            named.setName(license);
            choice.addLicense(named);
        }
        return choice;
    }

    private static void addProperty(Component c, String name, String value) {
        if (value != null && !value.isBlank()) {
            c.addProperty(new Property(PROPERTY_PREFIX + name, value));
        }
    }

    /** The purl (or, without one, ecosystem:name@version); a second package with the same gets " (2)" and so on. */
    private static String uniqueRef(Set<String> taken, InstalledPackage p) {
        String base = p.purl() != null ? p.purl() : p.ecosystem() + ":" + p.name() + "@" + p.version();
        String ref = base;
        for (int n = 2; !taken.add(ref); n++) {
            ref = base + " (" + n + ")";
        }
        return ref;
    }

    private static void validate(String json) {
        List<ParseException> problems;
        try {
            problems = new JsonParser().validate(json, SPEC_VERSION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("CycloneDX " + SPEC_VERSION.getVersionString() + " document is invalid ("
                    + problems.size() + " problem(s)), first: " + problems.get(0).getMessage());
        }
    }
}
