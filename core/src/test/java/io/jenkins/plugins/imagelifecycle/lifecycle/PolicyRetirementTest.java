package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policy retirement against a real catalog. Protected environments come from a placements table filled
 * here with real rows, standing in for the promotion feature's placements until they are wired.
 */
class PolicyRetirementTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final String HOST = "127.0.0.1:5998";
    private static final String BASE_REF = HOST + "/upstream/base:1";
    private static final String BASE = "sha256:" + "b".repeat(64);

    @TempDir
    Path dir;
    private Catalog catalog;
    private SyntheticImages images;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.toString());
        images = new SyntheticImages(catalog, HOST);
        catalog.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE test_placements (digest VARCHAR(200), environment VARCHAR(50), is_protected BOOLEAN)");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private void place(String digest, String environment, boolean isProtected) {
        catalog.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO test_placements VALUES (?, ?, ?)")) {
                s.setString(1, digest);
                s.setString(2, environment);
                s.setBoolean(3, isProtected);
                return s.executeUpdate();
            }
        });
    }

    /** The images standing in a protected environment, read from the placements rows. */
    private final ProtectedImages fromPlacements = () -> catalog.inTransaction(c -> {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT digest FROM test_placements WHERE is_protected")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    });

    private PolicyRetirement retirement() {
        return new PolicyRetirement(catalog, fromPlacements, "policy-bot", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Five releases of one blessed family, one a day, the newest yesterday; an app built on the oldest. */
    private List<ImageRecord> family() {
        ImageRecord v1 = images.blessed("blessed/fam:1", BASE_REF, BASE, NOW.minus(Duration.ofDays(5)));
        ImageRecord v2 = images.blessed("blessed/fam:2", BASE_REF, BASE, NOW.minus(Duration.ofDays(4)));
        ImageRecord v3 = images.blessed("blessed/fam:3", BASE_REF, BASE, NOW.minus(Duration.ofDays(3)));
        ImageRecord v4 = images.blessed("blessed/fam:4", BASE_REF, BASE, NOW.minus(Duration.ofDays(2)));
        ImageRecord v5 = images.blessed("blessed/fam:5", BASE_REF, BASE, NOW.minus(Duration.ofDays(1)));
        return List.of(v1, v2, v3, v4, v5);
    }

    private static RetirePolicy policy(String yaml) {
        return RetirePolicy.parse(yaml, "test.yaml");
    }

    @Test
    void dryRunPlansKeepNewestAndChangesNothing() {
        List<ImageRecord> fam = family();
        RetirePolicy keep2 = policy("rules:\n  - family: " + HOST + "/blessed/fam\n    keepNewest: 2\n    reason: keep two\n");

        List<PolicyDecision> plan = retirement().plan(keep2);

        assertThat(plan).filteredOn(PolicyDecision::retire).extracting(PolicyDecision::digest)
                .containsExactlyInAnyOrder(fam.get(0).digest(), fam.get(1).digest(), fam.get(2).digest());
        for (ImageRecord image : fam) {
            assertThat(catalog.find(image.digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
            assertThat(catalog.history(image.digest())).hasSize(1);
        }
    }

    @Test
    void realRunRetiresWhatTheDryRunPlannedWithOneEventEach() {
        List<ImageRecord> fam = family();
        RetirePolicy policy = policy("rules:\n  - family: \"*\"\n    keepNewest: 1\n    olderThanDays: 3\n    reason: old\n");
        List<PolicyDecision> dry = retirement().plan(policy);

        List<PolicyDecision> applied = retirement().apply(policy, "test.yaml");

        assertThat(applied).isEqualTo(dry);
        // outside the newest one AND older than 3 days: v1 (5 d) and v2 (4 d); v3 is exactly 3 days old
        assertThat(applied).extracting(PolicyDecision::digest).containsExactlyInAnyOrder(fam.get(0).digest(), fam.get(1).digest());
        for (ImageRecord image : fam) {
            boolean retired = image == fam.get(0) || image == fam.get(1);
            assertThat(catalog.find(image.digest()).orElseThrow().stage()).isEqualTo(retired ? Stage.RETIRED : Stage.BUILT);
            assertThat(catalog.history(image.digest())).filteredOn(e -> e.action().equals("retire")).hasSize(retired ? 1 : 0);
        }
        assertThat(catalog.history(fam.get(0).digest())).last().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("policy-bot");
            assertThat(e.reason()).isEqualTo("policy: old");
            assertThat(e.details()).contains("test.yaml");
        });
        assertThat(retirement().plan(policy)).as("a second run finds nothing more").isEmpty();
    }

    @Test
    void imagesInAProtectedEnvironmentAndTheirParentsAreNeverTouched() {
        List<ImageRecord> fam = family();
        ImageRecord app = images.child("apps/shop:1", fam.get(0), NOW.minus(Duration.ofDays(4)));
        place(app.digest(), "prod", true);
        place(fam.get(1).digest(), "prod", true);
        place(fam.get(2).digest(), "dev", false);
        RetirePolicy everythingOld = policy("rules:\n  - family: \"*\"\n    olderThanDays: 0\n");

        List<PolicyDecision> applied = retirement().apply(everythingOld, "test.yaml");

        assertThat(applied).filteredOn(d -> !d.retire()).extracting(PolicyDecision::digest)
                .containsExactlyInAnyOrder(app.digest(), fam.get(0).digest(), fam.get(1).digest());
        assertThat(catalog.find(app.digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(catalog.find(fam.get(0).digest()).orElseThrow().stage()).as("parent of a prod image").isEqualTo(Stage.BUILT);
        assertThat(catalog.find(fam.get(1).digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(catalog.find(fam.get(2).digest()).orElseThrow().stage()).as("dev is not protected").isEqualTo(Stage.RETIRED);
        assertThat(catalog.history(app.digest())).hasSize(1);
    }

    @Test
    void badPolicyFilesAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> policy("rules: []\n")).isInstanceOf(BadInputException.class).hasMessageContaining("no rules");
        assertThatThrownBy(() -> policy("rules:\n  - family: x\n    keepNewest: -1\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("keepNewest is '-1'");
        assertThatThrownBy(() -> policy("rules:\n  - family: x\n    keepNewst: 2\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown key 'keepNewst'");
        assertThatThrownBy(() -> policy("rules:\n  - family: x\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("neither keepNewest nor olderThanDays");
        assertThatThrownBy(() -> policy("rules:\n  - keepNewest: 2\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no family");
    }
}
