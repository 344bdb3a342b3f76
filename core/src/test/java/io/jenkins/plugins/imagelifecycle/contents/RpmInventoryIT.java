package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.packageurl.PackageURL;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rpm database: two packages built by rpmbuild and installed by rpm into a root, the second while
 * another reader holds the database open, so its record is still in {@code rpmdb.sqlite-wal} when the
 * root is pushed. rpm itself, on the same root, is the oracle.
 */
@Tag("integration")
class RpmInventoryIT {
    private static final String QUERY_FORMAT = "%{NAME}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\n";

    @TempDir
    static Path dir;
    private static Path root;
    private static TestRegistry registry;
    private static ImageRef pinned;
    private static long logBytesPushed;
    private static int packagesInMainFileAlone;

    @BeforeAll
    static void rpmImage() throws Exception {
        Path first = build("factory-hello", "2", "1.2", "3", "noarch", "MIT");
        Path second = build("factory-tools", null, "4.0~rc1", "1.fc40", "x86_64", "GPL-2.0-or-later AND MIT");
        root = dir.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/os-release"), "ID=fedora\nVERSION_ID=40\nPRETTY_NAME=\"Fedora Linux 40\"\n");
        install(first);
        Path db = root.resolve("var/lib/rpm/" + RpmDatabase.FILE);
        registry = TestRegistry.start();
        ImageRef repo = ImageRef.parse(registry.host() + "/fedora/rpm-" + UUID.randomUUID().toString().substring(0, 8));
        // an open read transaction keeps rpm's closing checkpoint from moving the second install out of the log
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            reader.setAutoCommit(false);
            packagesInMainFileAlone = count(reader);
            install(second);
            logBytesPushed = Files.size(root.resolve("var/lib/rpm/" + RpmDatabase.LOG));
            pinned = RootImages.pushRoot(registry.client(), repo, root);
            reader.rollback();
        }
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void thePackageListEqualsRpmQueryAllOnTheSameRootLogIncluded() throws Exception {
        assertThat(packagesInMainFileAlone).isEqualTo(1);
        assertThat(logBytesPushed).as("the second install was still in the write-ahead log when pushed").isPositive();

        ImageInventory inventory = new InventoryReader(registry.client()).read(pinned);

        String oracle = RootImages.output(List.of("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "-qa",
                "--qf", QUERY_FORMAT), 1);
        assertThat(inventory.packages().stream()
                .map(p -> String.join("\t", p.name(), p.version(), p.architecture(), sourceRpm(p), p.license())).sorted())
                .hasSize(2).containsExactlyElementsOf(oracle.lines().sorted().toList());
        assertThat(inventory.os().id()).isEqualTo("fedora");
        assertThat(inventory.packages()).allSatisfy(p -> {
            PackageURL purl = new PackageURL(p.purl());
            assertThat(purl.getType()).isEqualTo("rpm");
            assertThat(purl.getNamespace()).isEqualTo("fedora");
            assertThat(purl.getName()).isEqualTo(p.name());
            assertThat(p.version()).endsWith(purl.getVersion());
            assertThat(purl.getQualifiers()).containsEntry("arch", p.architecture()).containsEntry("distro", "fedora-40");
        });
        InstalledPackage hello = inventory.packages().stream().filter(p -> p.name().equals("factory-hello")).findFirst().orElseThrow();
        assertThat(hello.version()).isEqualTo("2:1.2-3");
        assertThat(hello.purl()).contains("epoch=2");
        assertThat(hello.sourceVersion()).isEqualTo("2:1.2-3");
    }

    /** The source rpm's file name as rpm reports it, rebuilt from the inventory's source name and version. */
    private static String sourceRpm(InstalledPackage p) {
        String version = p.sourceVersion().contains(":") ? p.sourceVersion().substring(p.sourceVersion().indexOf(':') + 1) : p.sourceVersion();
        return p.sourceName() + "-" + version + ".src.rpm";
    }

    private static Path build(String name, String epoch, String version, String release, String arch, String license) throws Exception {
        Path top = dir.resolve("rpmbuild-" + name);
        Files.createDirectories(top.resolve("SPECS"));
        Path spec = top.resolve("SPECS/" + name + ".spec");
        Files.writeString(spec, String.join("\n",
                "Name: " + name,
                epoch == null ? "" : "Epoch: " + epoch,
                "Version: " + version,
                "Release: " + release,
                "Summary: a package of the rpm inventory test",
                "License: " + license,
                "BuildArch: " + arch,
                "%description",
                "A package of the rpm inventory test.",
                "%install",
                "mkdir -p %{buildroot}/usr/share/" + name,
                "echo " + name + " > %{buildroot}/usr/share/" + name + "/README",
                "%files",
                "/usr/share/" + name + "/README",
                ""));
        RootImages.run(List.of("rpmbuild", "--define", "_topdir " + top, "-bb", spec.toString()), 3);
        try (var rpms = Files.walk(top.resolve("RPMS"))) {
            return rpms.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
        }
    }

    private static void install(Path rpm) throws Exception {
        RootImages.run(List.of("rpm", "--root", root.toString(), "--dbpath", "/var/lib/rpm", "--nodeps", "-i", rpm.toString()), 2);
    }

    private static int count(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM Packages")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
