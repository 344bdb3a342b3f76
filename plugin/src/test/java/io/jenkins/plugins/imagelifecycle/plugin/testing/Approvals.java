package io.jenkins.plugins.imagelifecycle.plugin.testing;

import hudson.model.Run;
import io.jenkins.plugins.imagelifecycle.plugin.approval.PromotionApproval;
import io.jenkins.plugins.imagelifecycle.plugin.approval.PromotionApprovalAction;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;

/** A person on a build's approval page, for tests: waits for the step to ask, then decides as a given user. */
public final class Approvals {
    private Approvals() {
    }

    /** The approval the step now waits on; fails when the step ended (refused before asking) or the limit passed. */
    public static PromotionApproval awaitAsked(Run<?, ?> run, TestStepContext step, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            PromotionApprovalAction action = run.getAction(PromotionApprovalAction.class);
            if (action != null) {
                var waiting = action.getApprovals().stream().filter(PromotionApproval::isWaiting).findFirst();
                if (waiting.isPresent()) {
                    return waiting.get();
                }
            }
            if (step.outcome().isDone()) {
                throw new AssertionError("The step ended without asking for an approval: " + step.outcome() + "\n" + step.log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + limit + " waiting for the step to ask for an approval\n" + step.log());
            }
            Thread.sleep(50);
        }
    }

    /** Waits until the approval is in {@code state} (the step's thread records it when it stops waiting). */
    public static void awaitState(PromotionApproval approval, PromotionApproval.State state, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (approval.getState() != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + limit + " waiting for the approval to be " + state + "; it is " + approval.getState());
            }
            Thread.sleep(50);
        }
    }

    /** Starts the step, approves when it asks as {@code user}, and returns the step's result (its failure thrown). */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> runApproved(Run<?, ?> run, TestStepContext context, org.jenkinsci.plugins.workflow.steps.Step step,
                                                            Duration limit, String user, String... groups) throws Throwable {
        context.start(step);
        Http.Response answer = decide(run, awaitAsked(run, context, limit), true, null, user, groups);
        if (answer.status != 200) {
            throw new AssertionError("Approval as " + user + " answered " + answer.status + ": " + answer.error);
        }
        try {
            return (java.util.Map<String, Object>) context.outcome().get(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause();
        }
    }

    /** POSTs approve or reject as {@code user} of {@code groups}; the thread's own identity comes back afterwards. */
    public static Http.Response decide(Run<?, ?> run, PromotionApproval approval, boolean approve, String comment, String user,
                                       String... groups) throws Exception {
        var before = SecurityContextHolder.getContext();
        try {
            if (user == null) {
                Grants.actAsAnonymous();
            } else {
                Grants.actAs(user, groups);
            }
            Http.Response rsp = new Http.Response();
            var req = Http.request("POST").param("id", approval.getId()).param("comment", comment).proxy();
            PromotionApprovalAction action = PromotionApprovalAction.of(run);
            if (approve) {
                action.doApprove(req, rsp.proxy());
            } else {
                action.doReject(req, rsp.proxy());
            }
            return rsp;
        } finally {
            SecurityContextHolder.setContext(before);
        }
    }
}
