package io.jenkins.plugins.imagelifecycle.plugin.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestRun;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.export.DataWriter;
import org.kohsuke.stapler.export.ExportConfig;
import org.kohsuke.stapler.export.Flavor;
import org.kohsuke.stapler.export.Model;
import org.kohsuke.stapler.export.ModelBuilder;

/**
 * The run action's REST API ({@code .../image-lifecycle/api/json}) as Stapler's own export machinery
 * writes it from the {@code @Exported} annotations: every field of every operation, nothing of the run.
 */
class RestExportTest {
    @TempDir
    Path runDir;

    @Test
    void theRestApiListsEveryOperationWithItsFields() throws Exception {
        ImageLifecycleRunAction action = ImageLifecycleRunAction.of(new TestRun(new TestJob("app"), 5, runDir.toFile(), null));
        String digest = "sha256:" + "12".repeat(32);
        action.add(ImageOperation.succeeded("augment").ref("registry.example/apps/web:2").digest(digest).stage("tested")
                .parent("sha256:" + "34".repeat(32)).tests("3 passed, 0 failed", "image-lifecycle/web-tests.xml").build(), "{}", null);
        action.add(ImageOperation.failed("promote").ref("registry.example/apps/web:2").environment("prod")
                .message("approver required").build(), null, null);

        StringWriter out = new StringWriter();
        Model<ImageLifecycleRunAction> model = new ModelBuilder().get(ImageLifecycleRunAction.class);
        DataWriter writer = Flavor.JSON.createDataWriter(action, out, new ExportConfig());
        model.writeTo(action, writer);
        JsonNode json = Json.read(out.toString());

        assertThat(json.path("operations")).hasSize(2);
        JsonNode augment = json.path("operations").get(0);
        assertThat(augment.path("operation").asText()).isEqualTo("augment");
        assertThat(augment.path("outcome").asText()).isEqualTo("succeeded");
        assertThat(augment.path("digest").asText()).isEqualTo(digest);
        assertThat(augment.path("parent").asText()).isEqualTo("sha256:" + "34".repeat(32));
        assertThat(augment.path("stage").asText()).isEqualTo("tested");
        assertThat(augment.path("testSummary").asText()).isEqualTo("3 passed, 0 failed");
        assertThat(augment.path("junitFile").asText()).isEqualTo("image-lifecycle/web-tests.xml");
        assertThat(augment.path("timestamp").asLong()).isPositive();
        JsonNode promote = json.path("operations").get(1);
        assertThat(promote.path("outcome").asText()).isEqualTo("failed");
        assertThat(promote.path("environment").asText()).isEqualTo("prod");
        assertThat(promote.path("message").asText()).isEqualTo("approver required");
        assertThat(out.toString()).doesNotContain("runDir").doesNotContain("\"run\"");
    }
}
