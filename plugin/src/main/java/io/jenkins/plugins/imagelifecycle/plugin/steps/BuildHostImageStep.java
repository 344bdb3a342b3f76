package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.EnvVars;
import hudson.Extension;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildAttemptFailedException;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuiltHostImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.HostBuildRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.HostOperations;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code buildHostImage(template: 'packer/base.pkr.hcl')}: validates and runs a Packer template on the
 * agent and records one host image per artifact. Sensitive variables are named by environment variable
 * ({@code sensitiveVarEnv: ['db_password=DB_PASSWORD']}, bound with withCredentials), so their values are
 * never in the Jenkinsfile, on a command line, in the log or in a record.
 */
public class BuildHostImageStep extends Step {
    private final String template;
    private List<String> vars = new ArrayList<>();
    private List<String> sensitiveVarEnv = new ArrayList<>();
    private List<String> varFiles = new ArrayList<>();
    private List<String> tests = new ArrayList<>();
    private String name;
    private String packer;
    private int timeout = 60;
    private String outputDir;

    @DataBoundConstructor
    public BuildHostImageStep(String template) {
        this.template = template;
    }

    public String getTemplate() {
        return template;
    }

    public List<String> getVars() {
        return vars;
    }

    /** Template variables as {@code NAME=VALUE}. */
    @DataBoundSetter
    public void setVars(List<String> vars) {
        this.vars = vars == null ? new ArrayList<>() : new ArrayList<>(vars);
    }

    public List<String> getSensitiveVarEnv() {
        return sensitiveVarEnv;
    }

    /** Sensitive variables as {@code NAME=ENVIRONMENT_VARIABLE}, read from the build's environment. */
    @DataBoundSetter
    public void setSensitiveVarEnv(List<String> sensitiveVarEnv) {
        this.sensitiveVarEnv = sensitiveVarEnv == null ? new ArrayList<>() : new ArrayList<>(sensitiveVarEnv);
    }

    public List<String> getVarFiles() {
        return varFiles;
    }

    @DataBoundSetter
    public void setVarFiles(List<String> varFiles) {
        this.varFiles = varFiles == null ? new ArrayList<>() : new ArrayList<>(varFiles);
    }

    public List<String> getTests() {
        return tests;
    }

    /** container-structure-test specs for Docker-builder artifacts. */
    @DataBoundSetter
    public void setTests(List<String> tests) {
        this.tests = tests == null ? new ArrayList<>() : new ArrayList<>(tests);
    }

    public String getName() {
        return name;
    }

    /** Host image family (default: hosts/&lt;template name&gt;). */
    @DataBoundSetter
    public void setName(String name) {
        this.name = name;
    }

    public String getPacker() {
        return packer;
    }

    /** Packer binary on the agent (default: packer on the node's PATH). */
    @DataBoundSetter
    public void setPacker(String packer) {
        this.packer = packer;
    }

    public int getTimeout() {
        return timeout;
    }

    /** Minutes after which Packer is stopped. */
    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    public String getOutputDir() {
        return outputDir;
    }

    @DataBoundSetter
    public void setOutputDir(String outputDir) {
        this.outputDir = outputDir;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /** Sensitive values from the build's environment, refused when a named variable is missing. */
    static Map<String, String> sensitiveValues(List<String> entries, EnvVars env) {
        Map<String, String> values = new LinkedHashMap<>();
        StepArguments.keyValues(entries, "sensitiveVarEnv").forEach((variable, envName) -> {
            String value = env.get(envName);
            if (value == null) {
                throw new BadInputException("sensitiveVarEnv " + variable + "=" + envName + ": environment variable "
                        + envName + " is not set; bind it with withCredentials");
            }
            values.put(variable, value);
        });
        return values;
    }

    static final class Execution extends LifecycleStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient BuildHostImageStep step;

        Execution(StepContext context, BuildHostImageStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> execute() throws Exception {
            StepArguments.required("buildHostImage", "template", step.template, "a Packer template in the workspace");
            Map<String, String> sensitive = sensitiveValues(step.sensitiveVarEnv, environment());
            HostBuildRequest request = new HostBuildRequest(step.template, StepArguments.keyValues(step.vars, "vars"), sensitive,
                    step.varFiles, step.tests, step.name, step.packerPath(), step.timeout, step.outputDir);
            BuildContext identity = identity();
            Catalog catalog = catalog();
            List<BuiltHostImage> built;
            try {
                built = workspace().act(new HostBuildCallable(request, identity,
                        agent(null, new ArrayList<>(sensitive.values())), listener()));
            } catch (BuildAttemptFailedException e) {
                recordFailedAttempt(HostOperations.BUILD_HOST, e, identity);
                throw e;
            } catch (InterruptedException e) {
                recordFailedAttempt(HostOperations.BUILD_HOST, step.template, "build-host of " + step.template + " was aborted",
                        identity, null);
                throw e;
            }
            List<Map<String, Object>> images = new ArrayList<>();
            for (BuiltHostImage image : built) {
                ImageRecord recorded = HostOperations.record(catalog,
                        io.jenkins.plugins.imagelifecycle.lifecycle.AgentResults.hostRecord(image, identity), identity, log());
                action().add(ImageOperation.succeeded(HostOperations.BUILD_HOST).ref(image.details().artifactId())
                        .digest(recorded.digest()).stage(recorded.stage().id())
                        .tests(image.tests() == null ? null : image.tests().summary(), null).build(), recorded.provenance(),
                        testDetails(recorded, image.tests()));
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("ref", image.details().artifactId());
                entry.put("digest", recorded.digest());
                entry.put("stage", recorded.stage().id());
                entry.put("family", recorded.repository());
                entry.put("builder", image.details().builderId());
                entry.put("provenanceFile", image.provenanceFile());
                images.add(entry);
            }
            Map<String, Object> map = images.isEmpty() ? new LinkedHashMap<>() : new LinkedHashMap<>(images.get(0));
            map.put("images", images);
            return map;
        }
    }

    /** The step's packer, else the configured one, else null: packer on the node's PATH. */
    String packerPath() {
        return packer != null && !packer.isBlank() ? packer
                : io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration.get().getPackerPath();
    }

    @Extension
    @Symbol("buildHostImage")
    public static class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "buildHostImage";
        }

        @Override
        public String getDisplayName() {
            return "Build host images with Packer";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepContexts.ON_AGENT;
        }
    }
}
