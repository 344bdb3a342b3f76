package io.jenkins.plugins.imagelifecycle.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.GateRefusedException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retired image withdrawn from where it stood, at the catalog's level: the pointer goes in the retirement's own
 * transaction; a promotion that read the pointer before cannot move it after it is made again; a placement of an
 * image retired meanwhile is refused; a policy's retirement of an image that stands now is refused whole.
 */
class WithdrawalTest {
    private static final String FAMILY = "127.0.0.1:5999/blessed/withdrawn";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path dir;
    @AutoClose
    Catalog catalog;
    private int images;

    Catalog openCatalog() {
        return Catalog.open(dir.toString());
    }

    @BeforeEach
    void open() {
        catalog = openCatalog();
    }

    private ImageRecord image() {
        String digest = Digest.sha256("withdrawn-" + ++images).toString();
        ImageRecord image = new ImageRecord(digest, FAMILY, List.of(FAMILY + ":" + images), Role.BLESSED, null,
                "127.0.0.1:5999/upstream/base:1", Digest.sha256("base").toString(), NOW, Stage.BUILT, null, null, "test", "{}");
        return catalog.recordBuilt(image, LifecycleEvent.of("test", "bless", digest, image.tags().get(0), null, Stage.BUILT, "born", null));
    }

    private Placement placement(ImageRecord image) {
        return new Placement(0, "dev", FAMILY, image.digest(), "127.0.0.1:5999/dev/withdrawn:1", NOW, "alice", null, null, null);
    }

    private void place(ImageRecord image) {
        catalog.place(placement(image), LifecycleEvent.of("alice", "promote", image.digest(), "127.0.0.1:5999/dev/withdrawn:1",
                Stage.BUILT, Stage.BUILT, "to dev", "{}"));
    }

    private static LifecycleEvent retirement(ImageRecord image) {
        return LifecycleEvent.of("bob", "retire", image.digest(), image.tags().get(0), Stage.BUILT, Stage.RETIRED, "CVE", "{}");
    }

    private long pointerVersion() {
        return catalog.read(c -> (Long) PlacementRows.pointer(c, "dev", FAMILY).orElseThrow()[1]);
    }

    @Test
    void aPointerMadeAgainAfterAWithdrawalIsNotMovedByAPromotionThatReadItBefore() {
        ImageRecord first = image();
        place(first);
        long readBefore = pointerVersion();

        List<EndOfLifeStore.Withdrawal> withdrawn = new EndOfLifeStore(catalog).retire(List.of(retirement(first)));
        ImageRecord second = image();
        place(second);

        assertThat(withdrawn).singleElement().satisfies(w -> {
            assertThat(w.environment()).isEqualTo("dev");
            assertThat(w.digest()).isEqualTo(first.digest());
        });
        assertThat(pointerVersion()).as("above every version the pointer had").isGreaterThan(readBefore);
        ImageRecord third = image();
        boolean moved = catalog.inTransaction((Connection c) -> PlacementRows.movePointer(c, placement(third), readBefore));
        assertThat(moved).as("the stale promotion's move").isFalse();
        assertThat(catalog.current("dev", FAMILY)).contains(second.digest());
        assertThat(new CatalogCheck(catalog).run()).isEmpty();
    }

    @Test
    void aPlacementOfAnImageRetiredMeanwhileIsRefusedAndRecordsNothing() {
        ImageRecord image = image();
        new EndOfLifeStore(catalog).retire(List.of(retirement(image)));
        int events = catalog.history(image.digest()).size();

        assertThatThrownBy(() -> place(image)).isInstanceOf(GateRefusedException.class)
                .hasMessage("Image " + image.digest() + " was retired (or is not in the catalog) while it was being promoted; "
                        + "nothing was recorded, and the copy made in the registry stands unrecorded");

        assertThat(catalog.current("dev", FAMILY)).isEmpty();
        assertThat(catalog.placements(image.digest())).isEmpty();
        assertThat(catalog.history(image.digest())).hasSize(events);
        assertThat(new CatalogCheck(catalog).run()).isEmpty();
    }

    @Test
    void aPolicysRetirementOfAnImageThatStandsNowIsRefusedWhole() {
        ImageRecord standing = image();
        ImageRecord other = image();
        place(standing);

        assertThatThrownBy(() -> new EndOfLifeStore(catalog).retireSparingStanding(List.of(retirement(other), retirement(standing))))
                .isInstanceOf(GateRefusedException.class)
                .hasMessage(standing.digest() + " was promoted to dev while this run decided; it stands there now and is spared: "
                        + "nothing was retired, run again");

        assertThat(catalog.find(other.digest()).orElseThrow().stage()).as("nothing retired").isEqualTo(Stage.BUILT);
        assertThat(catalog.find(standing.digest()).orElseThrow().stage()).isEqualTo(Stage.BUILT);
        assertThat(catalog.current("dev", FAMILY)).contains(standing.digest());
        assertThat(new CatalogCheck(catalog).run()).isEmpty();
    }
}
