package io.jenkins.plugins.imagelifecycle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.contents.LayeredImages;
import io.jenkins.plugins.imagelifecycle.lifecycle.ImageContentsOperation;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Advisories and findings from the command line, on an image pushed to the real registry and read from it. */
@Tag("integration")
class AdvisoryCommandsIT {
    @TempDir
    Path dir;

    @Test
    void importListGateAndScannerReports() throws Exception {
        var registry = RealDocker.registry();
        String unique = UUID.randomUUID().toString().substring(0, 8);
        ImageRef pushed = LayeredImages.pushDebian(registry.client(), ImageRef.parse(registry.host() + "/apps/advice-" + unique),
                "Package: libssl3\nStatus: install ok installed\nVersion: 3.0.11-1~deb12u1\n"
                        + "Architecture: amd64\nSource: openssl\n\nPackage: zlib1g\nStatus: install ok installed\n"
                        + "Version: 1:1.2.13.dfsg-1\nArchitecture: amd64\nSource: zlib\n");
        String catalog = dir.resolve("catalog").toString();
        String digest;
        try (Catalog c = Catalog.open(catalog)) {
            ImageRecord image = new SyntheticImages(c, registry.host()).record("apps/advice-" + unique + ":1",
                    pushed.digest().orElseThrow().toString(), Role.AUGMENTED, null, null, null, Instant.now());
            new ImageContentsOperation(c, registry.client(), Clock.systemUTC()).read(image, "tester", RealDocker.quiet());
            digest = image.digest();
        }
        Path osv = Files.createDirectories(dir.resolve("osv"));
        Files.writeString(osv.resolve("DSA-9002-1.json"), "{\"id\":\"DSA-9002-1\",\"modified\":\"2026-11-01T00:00:00Z\","
                + "\"aliases\":[\"CVE-2026-9002\"],\"database_specific\":{\"severity\":\"high\"},\"affected\":[{\"package\":"
                + "{\"ecosystem\":\"Debian:12\",\"name\":\"openssl\"},\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":"
                + "[{\"introduced\":\"0\"},{\"fixed\":\"3.0.13-1~deb12u1\"}]}]}]}");

        CliRun imported = CliRun.of("advisories", "import", "--catalog", catalog, osv.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("1 advisory(ies) read: 1 new").contains("findings: 1 opened");

        JsonNode findings = Json.read(CliRun.of("findings", "--json", "--catalog", catalog).out()).path("findings");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).path("advisory").asText()).isEqualTo("DSA-9002-1");
        assertThat(findings.get(0).path("package").asText()).isEqualTo("openssl");
        assertThat(findings.get(0).path("fixed").asText()).isEqualTo("3.0.13-1~deb12u1");
        assertThat(Json.read(CliRun.of("findings", "--json", "--catalog", catalog, "--severity", "critical").out()).path("findings")).isEmpty();
        CliRun bogus = CliRun.of("findings", "--catalog", catalog, "--severity", "dire");
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.err().strip()).endsWith("Unknown severity 'dire': expected low, medium, high or critical");

        CliRun plan = CliRun.of("plan", "--advisories", "--json", "--catalog", catalog);
        assertThat(plan.exitCode()).as("rebuilds due").isEqualTo(3);
        JsonNode step = Json.read(plan.out()).path("plan").get(0);
        assertThat(step.path("digest").asText()).isEqualTo(digest);
        assertThat(step.path("reasons").get(0).asText()).isEqualTo("DSA-9002-1 (CVE-2026-9002): openssl 3.0.11-1~deb12u1 → 3.0.13-1~deb12u1");

        JsonNode status = Json.read(CliRun.of("status", "--json", "--catalog", catalog).out()).path("images").get(0);
        assertThat(status.path("vulnerable").asBoolean()).isTrue();
        assertThat(status.path("vulnerableSeverity").asText()).isEqualTo("high");
        assertThat(status.path("advisories")).extracting(JsonNode::asText).containsExactly("DSA-9002-1");

        Path config = dir.resolve("lifecycle.yaml");
        Files.writeString(config, "environments:\n  - name: dev\n    blockSeverity: high\n");
        CliRun refused = CliRun.of("promote", "--catalog", catalog, "--config", config.toString(), "--image", digest, "--to", "dev",
                "--waive-tests", "no tests");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("DSA-9002-1").doesNotContain("\tat ");
        CliRun waived = CliRun.of("promote", "--catalog", catalog, "--config", config.toString(), "--image", digest, "--to", "dev",
                "--waive-tests", "no tests", "--waive-advisory", "CVE-2026-9002", "--reason", "not reachable here",
                "--until", LocalDate.now().plusDays(7).toString());
        assertThat(waived.exitCode()).as(waived.err()).isZero();

        Path trivy = dir.resolve("trivy.json");
        Files.writeString(trivy, "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"x (debian 12)\",\"Vulnerabilities\":[{\"VulnerabilityID\":"
                + "\"CVE-2026-7777\",\"PkgName\":\"zlib1g\",\"InstalledVersion\":\"1:1.2.13.dfsg-1\",\"FixedVersion\":\"\","
                + "\"Severity\":\"MEDIUM\"}]}]}");
        CliRun fromTrivy = CliRun.of("findings", "import", "--catalog", catalog, "--image", digest, trivy.toString());
        assertThat(fromTrivy.exitCode()).as(fromTrivy.err()).isZero();
        assertThat(fromTrivy.out()).contains("trivy report: 1 finding(s) reported; 1 opened, 0 closed");
        Path grype = dir.resolve("grype.json");
        Files.writeString(grype, "{\"matches\":[{\"vulnerability\":{\"id\":\"CVE-2026-8888\",\"severity\":\"Low\",\"fix\":{\"versions\":"
                + "[\"1:1.3-1\"],\"state\":\"fixed\"}},\"relatedVulnerabilities\":[],\"artifact\":{\"name\":\"zlib1g\","
                + "\"version\":\"1:1.2.13.dfsg-1\",\"type\":\"deb\"}}]}");
        assertThat(CliRun.of("findings", "import", "--catalog", catalog, "--image", digest, grype.toString()).out())
                .contains("grype report: 1 finding(s) reported; 1 opened");
        // the next Trivy report, empty, closes what the last one said
        Files.writeString(trivy, "{\"SchemaVersion\":2,\"Results\":[]}");
        assertThat(CliRun.of("findings", "import", "--catalog", catalog, "--image", digest, trivy.toString()).out()).contains("0 opened, 1 closed");
        assertThat(Json.read(CliRun.of("findings", "--json", "--catalog", catalog).out()).path("findings"))
                .extracting(f -> f.path("source").asText()).containsExactlyInAnyOrder("osv", "grype");
    }
}
