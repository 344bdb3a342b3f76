package io.jenkins.plugins.imagelifecycle.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.TestRegistry;
import io.jenkins.plugins.imagelifecycle.testing.Workspaces;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Each step in a real Pipeline on a real Jenkins (JenkinsRule), over the real Docker engine and registry.
 * Runs only under {@code mvn -Pjenkins verify}: the Jenkins test harness cannot be downloaded on this
 * project's own machines, so this class is unverified there (README says so).
 */
@WithJenkins
class StepsInPipelineTest {
    @Test
    void blessAugmentTestPromoteAndRetireInOnePipeline(JenkinsRule j) throws Exception {
        TestRegistry registry = RealDocker.registry();
        String base = RealDocker.busyboxBase("upstream/busybox-pipeline:1", "pipeline").withoutDigest().toString();
        WorkflowJob job = j.createProject(WorkflowJob.class, "lifecycle");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  writeFile file: 'blessed/Dockerfile', text: '''%s'''
                  writeFile file: 'app/Dockerfile', text: '''%s'''
                  writeFile file: 'app/app.sh', text: 'echo hello'
                  writeFile file: 'tests/hooks.yaml', text: "schemaVersion: '2.0.0'\\nfileExistenceTests:\\n  - name: hooks\\n    path: /etc/image-hooks/marker\\n"
                  def blessed = blessImage base: '%s', dockerfile: 'blessed/Dockerfile', context: 'blessed',
                                           target: '%s/blessed/pipeline:1', tests: ['tests/hooks.yaml']
                  def app = augmentImage from: blessed.digest, dockerfile: 'app/Dockerfile', context: 'app',
                                         target: '%s/app/pipeline:1', buildArgs: ['APP_VERSION=3']
                  def tested = testImage image: app.digest, tests: ['tests/hooks.yaml'], junit: 'reports/app.xml'
                  def promoted = promoteImage image: app.digest, to: 'dev'
                  echo "promoted ${promoted.digest} to ${promoted.environment}"
                  retireImage image: blessed.digest, reason: 'pipeline test'
                }
                """.formatted(Workspaces.BLESS_DOCKERFILE, Workspaces.AUGMENT_DOCKERFILE, base, registry.host(), registry.host()),
                true));
        WorkflowRun run = j.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));
        j.assertLogContains("to dev", run);
        ImageLifecycleRunAction action = run.getAction(ImageLifecycleRunAction.class);
        assertThat(action.getOperations()).extracting(op -> op.getOperation())
                .containsExactly("bless", "augment", "test", "promote", "retire");
    }

    @Test
    void badInputFailsTheBuildWithOneLineAndNoStackTrace(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "bad");
        job.setDefinition(new CpsFlowDefinition(
                "node { blessImage base: 'upstream/x:1', dockerfile: 'missing/Dockerfile', target: 'localhost:5000/x:1' }", true));
        WorkflowRun run = j.assertBuildStatus(Result.FAILURE, job.scheduleBuild2(0));
        j.assertLogContains("Dockerfile 'missing/Dockerfile'", run);
        j.assertLogNotContains("\tat io.jenkins.plugins", run);
    }

    @Test
    void theBuildRunsOnAnAgentAndItsResultCrossesBack(JenkinsRule j) throws Exception {
        // a real agent: the callables and core's results cross remoting and its class filter
        j.createOnlineSlave(hudson.model.Label.get("docker"));
        TestRegistry registry = RealDocker.registry();
        String base = RealDocker.busyboxBase("upstream/busybox-agent:1", "agent").withoutDigest().toString();
        WorkflowJob job = j.createProject(WorkflowJob.class, "on-agent");
        job.setDefinition(new CpsFlowDefinition("""
                node('docker') {
                  writeFile file: 'blessed/Dockerfile', text: '''%s'''
                  def blessed = blessImage base: '%s', dockerfile: 'blessed/Dockerfile', context: 'blessed',
                                           target: '%s/blessed/agent:1'
                  echo "blessed on agent: ${blessed.digest}"
                }
                """.formatted(Workspaces.BLESS_DOCKERFILE, base, registry.host()), true));
        WorkflowRun run = j.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));
        j.assertLogContains("blessed on agent: sha256:", run);
    }
}
