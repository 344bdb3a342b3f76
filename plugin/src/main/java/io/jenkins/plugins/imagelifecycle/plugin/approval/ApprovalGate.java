package io.jenkins.plugins.imagelifecycle.plugin.approval;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.PromoteRequest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import jenkins.model.Jenkins;

/**
 * A protected promotion waits here, as the {@code input} step waits, until a person approves or rejects it on the
 * build's page. Approved: the request goes on with that user as its authenticated approver. Rejected: the build
 * fails and the catalog records who rejected it and why. Stopped while waiting: nothing is promoted.
 */
public final class ApprovalGate {
    public static final String REJECTED_ACTION = "promotion-rejected";

    private ApprovalGate() {
    }

    public static PromoteRequest await(Run<?, ?> run, Catalog catalog, ImageRecord image, PromoteRequest request, PrintStream log)
            throws AbortException, InterruptedException {
        if (request.approver() != null && !request.approver().isBlank()) {
            log.println("approver: '" + request.approver() + "' is not read in Jenkins: a protected environment waits for a signed-in"
                    + " approver on the build's page");
        }
        PromotionApprovalAction action = PromotionApprovalAction.of(run);
        PromotionApprovalAction.Waiting waiting = action.ask(image.digest(), image.displayRef(), request.environment());
        String root = Jenkins.get().getRootUrl();
        log.println("Waiting for approval to " + (request.rollback() ? "roll back " : "promote ") + image.displayRef() + " ("
                + image.digest() + ") into " + request.environment() + ": approvers " + waiting.approval().getApprovers() + " decide at "
                + (root == null ? "" : root) + run.getUrl() + PromotionApprovalAction.URL_NAME + "/");
        Decision decision;
        try {
            decision = waiting.decision().get();
        } catch (InterruptedException e) {
            action.abandon(waiting.approval(), "the build was stopped while it waited");
            throw e;
        } catch (ExecutionException e) {
            action.abandon(waiting.approval(), String.valueOf(e.getCause()));
            throw new IllegalStateException(e.getCause());
        }
        if (!decision.approved()) {
            catalog.recordEvent(LifecycleEvent.of(decision.by(), REJECTED_ACTION, image.digest(), image.displayRef(), image.stage(),
                    image.stage(), "promotion into " + request.environment() + " rejected" + (decision.comment() == null ? ""
                            : ": " + decision.comment()), Json.write(Json.object().put("environment", request.environment())
                            .put("requestedBy", run.getExternalizableId()).put("approval", "authenticated"))));
            throw new AbortException("The promotion of " + image.displayRef() + " into " + request.environment() + " was rejected by "
                    + decision.by() + (decision.comment() == null ? "" : ": " + decision.comment()));
        }
        log.println("Approved by " + decision.by() + (decision.comment() == null ? "" : ": " + decision.comment()));
        return request.approvedBy(decision.by());
    }
}
