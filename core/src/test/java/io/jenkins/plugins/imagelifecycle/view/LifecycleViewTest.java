package io.jenkins.plugins.imagelifecycle.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Placement;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.testing.SoundCatalog;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view's document in its two shapes (history inline, history on demand) and the call that serves one image's history. */
class LifecycleViewTest {
    private static final List<String> ENVIRONMENTS = List.of("dev", "qa", "prod");

    @TempDir
    Path dir;
    private Catalog catalog;
    private SoundCatalog sound;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.toString());
        sound = SoundCatalog.writeTo(catalog);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void theReportsDocumentCarriesEachImagesWholeHistoryWithTheEventsFields() {
        ObjectNode report = LifecycleView.of(catalog, ENVIRONMENTS, LifecycleView.History.INLINE);

        assertThat(report.path("schema").asText()).isEqualTo("image-lifecycle-view/v2");
        assertThat(report.path("images")).hasSize(4);
        for (JsonNode image : report.path("images")) {
            assertThat(image.path("history")).as(image.path("digest").asText())
                    .isEqualTo(expectedHistory(catalog.history(image.path("digest").asText())));
        }
        assertThat(entry(report, sound.app1.digest()).path("history")).extracting(e -> e.path("action").asText())
                .containsExactly("augment", "test", "signed", "finding-opened", "promote", "promote", "verifying", "verified");
    }

    @Test
    void aServedDocumentIsTheReportsWithoutAnyHistory() {
        ObjectNode report = LifecycleView.of(catalog, ENVIRONMENTS, LifecycleView.History.INLINE);
        ObjectNode served = LifecycleView.of(catalog, ENVIRONMENTS, LifecycleView.History.ON_DEMAND);

        assertThat(served.path("schema").asText()).isEqualTo(LifecycleView.SCHEMA);
        assertThat(served.path("images")).hasSize(4).allSatisfy(i -> assertThat(i.has("history")).isFalse());
        report.remove("generatedAt");
        served.remove("generatedAt");
        report.withArray("images").forEach(i -> ((ObjectNode) i).remove("history"));
        assertThat(served).as("nothing else differs").isEqualTo(report);
    }

    @Test
    void oneImagesHistoryIsServedWithTheSameEventsAsTheReportHasInline() throws Exception {
        ObjectNode report = LifecycleView.of(catalog, ENVIRONMENTS, LifecycleView.History.INLINE);

        JsonNode history = written(LifecycleView.history(catalog, sound.app1.digest(), digest -> true).orElseThrow());

        assertThat(Set.copyOf(iterable(history.fieldNames()))).containsExactlyInAnyOrder("schema", "digest", "history");
        assertThat(history.path("schema").asText()).isEqualTo(LifecycleView.HISTORY_SCHEMA);
        assertThat(history.path("digest").asText()).isEqualTo(sound.app1.digest());
        assertThat(history.path("history")).isEqualTo(entry(report, sound.app1.digest()).path("history"));
    }

    @Test
    void onlyTheImagesAPageShowsHaveTheirHistoryServed() {
        // a run's page of app1 shows app1 and its ancestor, the blessed image; not its sibling, not the retired image
        Predicate<String> app1Only = sound.app1.digest()::equals;
        Set<String> shown = Set.copyOf(iterable(LifecycleView.of(catalog, ENVIRONMENTS, app1Only, LifecycleView.History.ON_DEMAND)
                .path("images").findValuesAsText("digest").iterator()));
        assertThat(shown).containsExactlyInAnyOrder(sound.app1.digest(), sound.blessed.digest());

        assertThat(LifecycleView.history(catalog, sound.app1.digest(), app1Only)).isPresent();
        assertThat(LifecycleView.history(catalog, sound.blessed.digest(), app1Only)).as("an ancestor of one shown").isPresent();
        assertThat(LifecycleView.history(catalog, sound.app2.digest(), app1Only)).as("a sibling").isEmpty();
        assertThat(LifecycleView.history(catalog, sound.retired.digest(), app1Only)).isEmpty();
        assertThat(LifecycleView.history(catalog, "sha256:" + "0".repeat(64), digest -> true)).as("not in the catalog").isEmpty();
    }

    @Test
    void aValueThatIsNotADigestIsRefusedByName() {
        assertThatThrownBy(() -> LifecycleView.history(catalog, "sha256:12ab", digest -> true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'sha256:12ab'").hasMessageContaining("needs 64");
        assertThatThrownBy(() -> LifecycleView.history(catalog, "apps/web:1", digest -> true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'apps/web:1'").hasMessageContaining("expected sha256 or sha512");
    }

    @Test
    void eachEnvironmentsTimelineIsItsNewestFiftyStintsOfTheFamiliesShownNewestFirst() {
        // 60 versions of one family through dev, one after another, beside what SoundCatalog put there
        SyntheticImages images = new SyntheticImages(catalog, SoundCatalog.HOST);
        Instant t = Instant.parse("2026-02-01T10:00:00Z");
        for (int k = 0; k < 60; k++) {
            ImageRecord version = images.child("apps/many:" + k, sound.blessed, t.plusSeconds(k * 10L));
            catalog.place(new Placement(0, "dev", version.repository(), version.digest(), "dev/apps/many@" + version.digest(),
                    t.plusSeconds(k * 10L + 1), SoundCatalog.ACTOR, null, null, null, Placement.PROMOTION),
                    LifecycleEvent.of(SoundCatalog.ACTOR, "promote", version.digest(), null, Stage.BUILT, Stage.BUILT, "to dev", null));
        }
        List<EnvironmentTimeline.Stint> whole = EnvironmentTimeline.of(catalog, "dev", null);
        assertThat(whole).hasSize(62);

        JsonNode timelines = LifecycleView.of(catalog, ENVIRONMENTS, LifecycleView.History.ON_DEMAND).path("timelines");

        ArrayNode expected = Json.MAPPER.createArrayNode();
        for (int k = whole.size() - 1; k >= whole.size() - 50; k--) {
            expected.add(StintJson.of(whole.get(k)));
        }
        assertThat(timelines.path("dev")).isEqualTo(expected);
        assertThat(timelines.path("dev").get(0).path("current").asBoolean()).as("the newest stands there").isTrue();
        assertThat(timelines.path("dev").get(1).path("left").asText()).isEqualTo("superseded");
        ArrayNode qa = Json.MAPPER.createArrayNode();
        EnvironmentTimeline.of(catalog, "qa", null).forEach(stint -> qa.insert(0, StintJson.of(stint)));
        assertThat(timelines.path("qa")).hasSize(1).isEqualTo(qa);

        // a run's page of app2 shows its family's stints only
        JsonNode app2Only = LifecycleView.of(catalog, ENVIRONMENTS, sound.app2.digest()::equals, LifecycleView.History.ON_DEMAND)
                .path("timelines");
        assertThat(app2Only.path("dev")).extracting(n -> n.path("family").asText()).hasSize(2).containsOnly(sound.app2.repository());
    }

    private static JsonNode entry(JsonNode view, String digest) {
        for (JsonNode image : view.path("images")) {
            if (image.path("digest").asText().equals(digest)) {
                return image;
            }
        }
        throw new AssertionError("no entry for " + digest);
    }

    /** The fields docs/lifecycle-view.md documents for an event, spelled out here rather than by the code under test. */
    private static ArrayNode expectedHistory(List<LifecycleEvent> events) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (LifecycleEvent e : events) {
            ObjectNode o = list.addObject();
            o.put("at", e.at().toString());
            o.put("actor", e.actor());
            o.put("action", e.action());
            o.put("from", e.fromStage() == null ? null : e.fromStage().id());
            o.put("to", e.toStage() == null ? null : e.toStage().id());
            o.put("reason", e.reason());
        }
        return list;
    }

    private static JsonNode written(ImageHistory history) throws Exception {
        try (TokenBuffer buffer = new TokenBuffer(Json.MAPPER, false)) {
            history.write(buffer);
            return Json.MAPPER.readTree(buffer.asParser());
        }
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
