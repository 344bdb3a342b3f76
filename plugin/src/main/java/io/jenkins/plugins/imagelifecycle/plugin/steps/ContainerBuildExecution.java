package io.jenkins.plugins.imagelifecycle.plugin.steps;

import hudson.AbortException;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildAttemptFailedException;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildAttestations;
import io.jenkins.plugins.imagelifecycle.lifecycle.AgentResults;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildOperations;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildRecorder;
import io.jenkins.plugins.imagelifecycle.lifecycle.SigningOperation;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import io.jenkins.plugins.imagelifecycle.plugin.config.ControllerSigningKey;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuiltImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.ContainerBuildRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.ParentImage;
import io.jenkins.plugins.imagelifecycle.lifecycle.ParentLookup;
import io.jenkins.plugins.imagelifecycle.lifecycle.PendingAttestations;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.plugin.AgentSetup;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageOperation;
import io.jenkins.plugins.imagelifecycle.plugin.trigger.UpstreamTriggers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Bless or augment: on the controller, the catalog check of an augment's parent; on the agent, the build
 * and push; on the controller again, the record (or the failed attempt, also when the build is aborted).
 */
final class ContainerBuildExecution extends LifecycleStepExecution {
    private static final long serialVersionUID = 1L;

    private final transient ContainerBuildStep step;
    private final String from;
    private final String source;
    private final String action;

    ContainerBuildExecution(StepContext context, ContainerBuildStep step, String from, String source, String action) {
        super(context);
        this.step = step;
        this.from = from;
        this.source = source;
        this.action = action;
    }

    @Override
    protected Map<String, Object> execute() throws Exception {
        String function = action + "Image";
        StepArguments.required(function, BuildOperations.BLESS.equals(action) ? "base" : "from", from, "an image reference");
        StepArguments.required(function, "dockerfile", step.getDockerfile(), "a Dockerfile in the workspace");
        StepArguments.required(function, "target", step.getTarget(), "registry/repository:tag");
        ContainerBuildRequest request = step.request(from, source);
        // read before anything is built: a signing key that cannot be read is bad input, not a half-done build
        Optional<SigningKey> signingKey = ControllerSigningKey.forBuild(build(), step.getSigningKeyCredentialsId(),
                step.getSigningPassphraseCredentialsId());
        BuildContext identity = identity();
        Catalog catalog = catalog();
        AgentSetup setup = agent(step.getCredentialsId(), List.of());
        ParentImage parent = BuildOperations.AUGMENT.equals(action)
                ? new ParentLookup(catalog, setup.controllerRegistry()).blessedParent(request.from(), setup.mask(log()))
                : null;
        PendingAttestations pending = new PendingAttestations(catalog);
        var incomplete = pending.at(ImageRef.parse(request.target()));
        if (incomplete.isPresent()) {
            return complete(incomplete.get(), pending, setup, identity, signingKey.orElse(null));
        }
        BuiltImage built;
        try {
            built = workspace().act(new ContainerBuildCallable(request, parent, identity, setup, listener(),
                    step.getTestParallelism(), step.getTestTimeout()));
        } catch (BuildAttemptFailedException e) {
            recordFailedAttempt(action, e, identity);
            throw e;
        } catch (InterruptedException e) {
            // aborted while the agent worked: the agent's side stops its Docker work; the attempt is on record
            recordFailedAttempt(action, request.target(), action + " of " + request.target() + " was aborted", identity, null);
            throw e;
        }
        // the agent's word is checked against the controller's own view before anything of it is recorded
        AgentResults.Checked checked = new AgentResults(catalog, setup.controllerRegistry()).check(built,
                BuildOperations.AUGMENT.equals(action) ? Role.AUGMENTED : Role.BLESSED, request.target(), parent, request.from(), identity);
        java.io.PrintStream masked = setup.mask(log());
        checked.notChecked().forEach(n -> masked.println("The controller could not check the agent's " + n + "; recorded as such"));
        built = checked.built();
        ImageRecord image = new BuildRecorder(catalog).recordBuilt(action, built, identity, checked.notChecked());
        attest(built, image, pending, setup, identity, signingKey.orElse(null));
        // signed on the controller, where the key is: it never travels to the agent
        if (signingKey.isPresent()) {
            new SigningOperation(catalog, setup.controllerRegistry(), java.time.Clock.systemUTC())
                    .sign(image, ImageRef.parse(image.repository()), signingKey.get(), identity.actor(), setup.mask(log()));
        }
        BuildContents.Outcome contents = BuildContents.after(catalog, image, workspace(), setup, identity.actor(),
                request.sourceDir(), request.outputDir(), signingKey, setup.mask(log()));
        action().add(ImageOperation.succeeded(action).ref(built.pushedRef()).digest(image.digest()).stage(image.stage().id())
                .parent(image.parentDigest())
                .tests(built.tests() == null ? null : built.tests().summary(), built.junitFile()).build(),
                image.provenance(), testDetails(image, built.tests()));
        if (contents.releaseNotesMarkdown() != null) {
            action().addReleaseNotes(image.digest(), contents.releaseNotesMarkdown());
        }
        if (BuildOperations.BLESS.equals(action)) {
            // the cascade: jobs that augment from this family rebuild on the new blessed image
            for (String job : UpstreamTriggers.blessed(image.repository(), build().getParent().getFullName())) {
                log().println("Scheduled " + job + ": it augments from " + image.repository());
            }
        }
        Map<String, Object> result = result(built, image);
        result.put("sbom", contents.sbom());
        result.put("releaseNotes", contents.releaseNotesFile());
        return result;
    }

    /** The attestations, stored from the agent once the pushed digest is on record; a failure is recorded as such. */
    private void attest(BuiltImage built, ImageRecord image, PendingAttestations pending, AgentSetup setup, BuildContext identity,
                        SigningKey key) throws Exception {
        try {
            workspace().act(new AttestationsCallable(built.pushedRef(), image.digest(),
                    BuildAttestations.prepare(image.provenance(), BuildAttestations.testStatement(built), key), setup, listener()));
        } catch (LifecycleException | java.io.IOException e) {
            pending.recordMissing(image, built.pushedRef(), e.getMessage(), identity);
            throw new AbortException(built.pushedRef() + " was pushed as " + image.digest() + " and recorded, but its"
                    + " attestations were not stored (" + e.getMessage() + "); run the build again to store them");
        }
    }

    /** A rerun after attestations failed: the image an earlier run pushed gets them, and nothing is built beside it. */
    private Map<String, Object> complete(ImageRecord image, PendingAttestations pending, AgentSetup setup, BuildContext identity,
                                         SigningKey key) throws Exception {
        String ref = ImageRef.parse(step.request(from, source).target()).withoutDigest().toString();
        log().println(ref + " was pushed as " + image.digest() + " by an earlier run whose attestations failed: storing them"
                + " instead of building again");
        workspace().act(new AttestationsCallable(ref, image.digest(), BuildAttestations.prepare(image.provenance(),
                pending.testStatement(image), key), setup, listener()));
        pending.recordStored(image, ref, identity);
        ImageRecord after = catalog().require(image.digest());
        action().add(ImageOperation.succeeded(action).ref(ref).digest(after.digest()).stage(after.stage().id())
                .parent(after.parentDigest()).message("attestations of an earlier run stored").build(), after.provenance(), null);
        return result(new BuiltImage(after, ref, null, null, null, null), after);
    }

    /** What the CLI prints with --json; the stage is the catalog's, which an identical earlier build may have advanced. */
    private static Map<String, Object> result(BuiltImage built, ImageRecord image) {
        Map<String, Object> map = built.summary();
        map.put("stage", image.stage().id());
        return map;
    }
}
