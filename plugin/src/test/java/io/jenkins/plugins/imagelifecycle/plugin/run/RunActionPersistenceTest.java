package io.jenkins.plugins.imagelifecycle.plugin.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Http;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run action as Jenkins keeps it: build.xml through XStream, large results in files, served on request. */
class RunActionPersistenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String PROVENANCE = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"big\":\"" + "x".repeat(20_000) + "\"}";

    @TempDir
    Path runDir;

    private ImageLifecycleRunAction recorded(TestRun run) {
        ImageLifecycleRunAction action = ImageLifecycleRunAction.of(run);
        action.add(ImageOperation.succeeded("bless").ref("registry.example/blessed/base:1").digest(DIGEST).stage("tested")
                .parent("sha256:" + "cd".repeat(32)).tests("1 passed, 0 failed", "image-lifecycle/base-tests.xml").build(),
                PROVENANCE, "{\"tests\":1}");
        return action;
    }

    @Test
    void buildXmlKeepsTheOperationsButNeitherTheRunNorTheLargeResults() {
        TestRun run = new TestRun(new TestJob("app"), 3, runDir.toFile(), null);
        ImageLifecycleRunAction action = recorded(run);
        assertThat(ImageLifecycleRunAction.of(run)).as("one action per run").isSameAs(action);

        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.imagelifecycle.plugin.**"});
        String xml = xstream.toXML(action);

        assertThat(xml).contains(DIGEST).contains("registry.example/blessed/base:1").contains("1 passed, 0 failed")
                .doesNotContain("<run").doesNotContain("in-toto").doesNotContain("xxxxxxxxxx");
        assertThat(xml.length()).isLessThan(1_500);

        ImageLifecycleRunAction loaded = (ImageLifecycleRunAction) xstream.fromXML(xml);
        assertThat(loaded.getRun()).isNull();
        loaded.onLoad(run);
        assertThat(loaded.getRun()).isSameAs(run);
        assertThat(loaded.getOperations()).singleElement().satisfies(op -> {
            assertThat(op.getOperation()).isEqualTo("bless");
            assertThat(op.getDigest()).isEqualTo(DIGEST);
            assertThat(op.getParent()).isEqualTo("sha256:" + "cd".repeat(32));
            assertThat(op.getJunitFile()).isEqualTo("image-lifecycle/base-tests.xml");
            assertThat(op.isSucceeded()).isTrue();
        });
        assertThat(loaded.provenance(DIGEST)).contains(PROVENANCE);
        assertThat(loaded.testDetails(DIGEST)).contains("{\"tests\":1}");
    }

    @Test
    void provenanceIsServedAsJsonAndUnknownOrHostileDigestsAreNotFound() throws Exception {
        ImageLifecycleRunAction action = recorded(new TestRun(new TestJob("app"), 4, runDir.toFile(), null));

        Http.Response ok = new Http.Response();
        action.doProvenance(Http.request("GET").param("digest", DIGEST).proxy(), ok.proxy());
        assertThat(ok.headers).containsEntry("Content-Type", "application/json;charset=UTF-8");
        assertThat(ok.body()).isEqualTo(PROVENANCE);

        for (String bad : new String[] {"sha256:" + "ef".repeat(32), "../../../etc/passwd", "sha256:../../x", null}) {
            Http.Response missing = new Http.Response();
            action.doProvenance(Http.request("GET").param("digest", bad).proxy(), missing.proxy());
            assertThat(missing.status).as(String.valueOf(bad)).isEqualTo(404);
            assertThat(missing.error).contains("expected ?digest=sha256:");
            assertThat(missing.body()).isEmpty();
        }
    }

    @Test
    void aDetachedActionRefusesToGuessWhereItsFilesAre() {
        assertThatThrownBy(() -> new ImageLifecycleRunAction().provenance(DIGEST)).isInstanceOf(IllegalStateException.class);
    }
}
