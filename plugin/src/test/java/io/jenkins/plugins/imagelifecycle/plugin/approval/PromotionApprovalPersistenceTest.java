package io.jenkins.plugins.imagelifecycle.plugin.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.thoughtworks.xstream.XStream;
import io.jenkins.plugins.imagelifecycle.plugin.testing.Approvals;
import io.jenkins.plugins.imagelifecycle.plugin.testing.StandInJenkins;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestJob;
import io.jenkins.plugins.imagelifecycle.plugin.testing.TestRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The approvals as build.xml keeps them: who decided stays; a wait the controller's restart ended is shown as abandoned. */
class PromotionApprovalPersistenceTest {
    @TempDir
    Path home;
    @TempDir
    Path runDir;

    @Test
    void aWaitingApprovalLoadedAfterARestartIsAbandonedAndCannotBeApproved() throws Exception {
        try (StandInJenkins jenkins = StandInJenkins.start(home)) {
            TestJob job = new TestJob("team/web");
            TestRun run = new TestRun(job, 4, runDir.toFile(), "carol");
            PromotionApprovalAction action = PromotionApprovalAction.of(run);
            PromotionApproval asked = action.ask("sha256:" + "ab".repeat(32), "registry.example/apps/web:1", "prod").approval();

            XStream xstream = new XStream();
            xstream.allowTypesByWildcard(new String[] {"io.jenkins.plugins.imagelifecycle.plugin.**"});
            String xml = xstream.toXML(action);
            assertThat(xml).contains("registry.example/apps/web:1").contains("WAITING").doesNotContain("<run");

            // the same build, read from disk by a restarted controller
            TestRun reloaded = new TestRun(job, 4, runDir.toFile(), "carol");
            PromotionApprovalAction loaded = (PromotionApprovalAction) xstream.fromXML(xml);
            reloaded.addAction(loaded);
            loaded.onLoad(reloaded);
            PromotionApproval after = loaded.getApprovals().get(0);
            assertThat(after.getState()).isEqualTo(PromotionApproval.State.ABANDONED);
            assertThat(after.getComment()).isEqualTo("the controller restarted while it waited");
            assertThat(loaded.getIconFileName()).as("nothing waits: no link in the side panel").isNull();
            assertThat(loaded.canDecide(after)).isFalse();
            assertThat(asked.getId()).isEqualTo(after.getId());
            job.grants().grant("alice", io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions.PROMOTE);
            assertThat(Approvals.decide(reloaded, after, true, null, "alice").status).isEqualTo(409);
            assertThat(Approvals.decide(run, asked, true, null, "alice").status).as("the wait before the restart is still open")
                    .isEqualTo(200);
        }
    }
}
