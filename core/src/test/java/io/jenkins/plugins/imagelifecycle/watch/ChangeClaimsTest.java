package io.jenkins.plugins.imagelifecycle.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which changes of a check a controller may schedule a job for: those whose claim it took, each change once per job. */
class ChangeClaimsTest {
    private static final String UPSTREAM = "127.0.0.1:5000/upstream/debian:12";
    private static final String BUILT_FROM = "sha256:" + "a".repeat(64);
    private static final String PATCHED = "sha256:" + "b".repeat(64);
    private static final String PATCHED_AGAIN = "sha256:" + "c".repeat(64);

    @TempDir
    Path dir;
    private Catalog catalog;
    private ChangeClaims controllerA;
    private ChangeClaims controllerB;

    @BeforeEach
    void open() {
        catalog = Catalog.open(dir.toString());
        controllerA = new ChangeClaims(catalog, "https://a.example/", Clock.systemUTC());
        controllerB = new ChangeClaims(catalog, "https://b.example/", Clock.systemUTC());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private static UpstreamChanges.Change patched(String to) {
        return new UpstreamChanges.Change(UPSTREAM, BUILT_FROM, to, "upstream image patched");
    }

    private static UpstreamChanges.Change advisoryFix(String advisory) {
        return new UpstreamChanges.Change("127.0.0.1:5000/blessed/debian:12", BUILT_FROM, "",
                "advisory fix available: " + advisory + ": openssl 3.0.11-1 → 3.0.13-1");
    }

    @Test
    void aChangeSchedulesAJobOnceWhicheverControllerAndCheckSeesItAgain() {
        assertThat(controllerA.take("images/base", List.of(patched(PATCHED)))).containsExactly(patched(PATCHED));
        assertThat(controllerB.take("images/base", List.of(patched(PATCHED)))).as("the other controller").isEmpty();
        assertThat(controllerA.take("images/base", List.of(patched(PATCHED)))).as("the next check, rebuild still running").isEmpty();

        assertThat(controllerB.take("images/base", List.of(patched(PATCHED_AGAIN)))).as("a later digest is a new change")
                .containsExactly(patched(PATCHED_AGAIN));
        assertThat(controllerB.take("apps/web", List.of(patched(PATCHED)))).as("another job's rebuild").hasSize(1);
    }

    @Test
    void eachAdvisoryFixOfAnImageIsAChangeOfItsOwn() {
        assertThat(controllerA.take("images/base", List.of(advisoryFix("DSA-1"), advisoryFix("DSA-2")))).hasSize(2);
        assertThat(controllerB.take("images/base", List.of(advisoryFix("DSA-2"), advisoryFix("DSA-3"))))
                .containsExactly(advisoryFix("DSA-3"));
    }

    @Test
    void aChangeGivenBackSchedulesTheJobLater() {
        List<UpstreamChanges.Change> taken = controllerA.take("images/base", List.of(patched(PATCHED)));
        // Jenkins refused the build (the job was disabled): the claim goes back
        controllerA.giveBack("images/base", taken);
        assertThat(controllerB.take("images/base", List.of(patched(PATCHED)))).hasSize(1);
    }
}
