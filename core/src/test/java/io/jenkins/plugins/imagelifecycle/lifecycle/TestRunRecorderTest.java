package io.jenkins.plugins.imagelifecycle.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.testing.SyntheticImages;
import io.jenkins.plugins.imagelifecycle.verify.TestReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core operation refuses to record a test run that ran no test, whichever front end sends one. */
class TestRunRecorderTest {
    @TempDir
    Path dir;

    @Test
    void aRunWithNoTestIsNotRecordedAndTheImageStaysAsItWas() {
        try (Catalog catalog = Catalog.open(dir.toString())) {
            ImageRecord image = new SyntheticImages(catalog, "127.0.0.1:5999").blessed("blessed/none:1", "127.0.0.1:5999/up:1",
                    "sha256:" + "a".repeat(64), Instant.now());
            TestReport empty = new TestReport(image.digest(), List.of(), List.of(), Instant.now(), Instant.now());
            assertThatThrownBy(() -> new TestRunRecorder(catalog).record(image, empty, "tester"))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("ran no test");
            assertThat(catalog.testRuns(image.digest())).isEmpty();
            assertThat(catalog.require(image.digest()).stage()).isEqualTo(Stage.BUILT);
        }
    }
}
