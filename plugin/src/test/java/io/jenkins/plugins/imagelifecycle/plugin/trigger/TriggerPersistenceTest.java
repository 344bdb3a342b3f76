package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamChanges;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What Jenkins keeps, lets through and forgets for the trigger: the cause in build.xml, the webhook past the
 * crumb filter, a deleted job's trigger.
 */
class TriggerPersistenceTest {
    @Test
    void theCauseRoundTripsThroughBuildXmlWithPluginTypesOnly() {
        UpstreamImageCause cause = new UpstreamImageCause(List.of(new UpstreamChanges.Change("registry.example/upstream/debian:12",
                "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), "upstream image patched")));
        XStream xstream = new XStream();
        xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.imagelifecycle.plugin.**"});
        String xml = xstream.toXML(cause);

        assertThat(xml).doesNotContain("imagelifecycle.watch").contains("registry.example/upstream/debian:12");
        UpstreamImageCause loaded = (UpstreamImageCause) xstream.fromXML(xml);
        assertThat(loaded.getChanges()).singleElement().satisfies(c -> {
            assertThat(c.getPrevious()).isEqualTo("sha256:" + "a".repeat(64));
            assertThat(c.getCurrent()).isEqualTo("sha256:" + "b".repeat(64));
        });
        assertThat(loaded.getShortDescription()).isEqualTo("Started by an upstream image change: upstream image patched "
                + "registry.example/upstream/debian:12 sha256:aaaaaaaaaaaa → sha256:bbbbbbbbbbbb");
    }

    @Test
    void onlyTheWebhookPassesTheCrumbFilter() throws Exception {
        WebhookCrumbExclusion exclusion = new WebhookCrumbExclusion();
        AtomicBoolean passed = new AtomicBoolean();
        FilterChain chain = (req, rsp) -> passed.set(true);

        assertThat(exclusion.process(path("/image-lifecycle-webhook/notify"), null, chain)).isTrue();
        assertThat(passed).isTrue();
        passed.set(false);
        assertThat(exclusion.process(path("/image-lifecycle/retire"), null, chain)).isFalse();
        assertThat(exclusion.process(path("/image-lifecycle-webhookX/notify"), null, chain)).isFalse();
        assertThat(passed).isFalse();
    }

    @Test
    void aDeletedJobsTriggerIsForgotten() {
        var job = new io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob("deleted/" + System.nanoTime());
        UpstreamImageTrigger trigger = new UpstreamImageTrigger("H * * * *");
        int before = UpstreamTriggers.started();
        trigger.start(job, true);
        assertThat(UpstreamTriggers.started()).isEqualTo(before + 1);

        new DeletedJobTriggers().onDeleted(job);

        assertThat(UpstreamTriggers.started()).as("Jenkins never calls stop() for a deleted job").isEqualTo(before);
    }

    private static HttpServletRequest path(String pathInfo) {
        return (HttpServletRequest) Proxy.newProxyInstance(TriggerPersistenceTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> {
                    if (m.getName().equals("getPathInfo")) {
                        return pathInfo;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }
}
