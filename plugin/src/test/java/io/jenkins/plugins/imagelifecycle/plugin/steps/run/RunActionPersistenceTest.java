package io.jenkins.plugins.imagelifecycle.plugin.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestRun;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

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

        Response ok = new Response();
        action.doProvenance(request(DIGEST), ok.proxy());
        assertThat(ok.headers).containsEntry("Content-Type", "application/json;charset=UTF-8");
        assertThat(ok.body.toString()).isEqualTo(PROVENANCE);

        for (String bad : new String[] {"sha256:" + "ef".repeat(32), "../../../etc/passwd", "sha256:../../x", null}) {
            Response missing = new Response();
            action.doProvenance(request(bad), missing.proxy());
            assertThat(missing.error).as(String.valueOf(bad)).isEqualTo(404);
            assertThat(missing.message).contains("expected ?digest=sha256:");
            assertThat(missing.body.toString()).isEmpty();
        }
    }

    @Test
    void aDetachedActionRefusesToGuessWhereItsFilesAre() {
        assertThatThrownBy(() -> new ImageLifecycleRunAction().provenance(DIGEST)).isInstanceOf(IllegalStateException.class);
    }

    private static StaplerRequest2 request(String digest) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("getParameter") && "digest".equals(args[0])) {
                return digest;
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (StaplerRequest2) Proxy.newProxyInstance(RunActionPersistenceTest.class.getClassLoader(),
                new Class<?>[] {StaplerRequest2.class}, handler);
    }

    /** The few response members the action uses, recorded. */
    private static final class Response {
        final Map<String, String> headers = new HashMap<>();
        final StringWriter body = new StringWriter();
        Integer error;
        String message;

        StaplerResponse2 proxy() {
            InvocationHandler handler = (proxy, method, args) -> {
                switch (method.getName()) {
                    case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "getWriter" -> {
                        return new PrintWriter(body);
                    }
                    case "sendError" -> {
                        error = (Integer) args[0];
                        message = (String) args[1];
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                }
                return null;
            };
            return (StaplerResponse2) Proxy.newProxyInstance(RunActionPersistenceTest.class.getClassLoader(),
                    new Class<?>[] {StaplerResponse2.class}, handler);
        }
    }
}
