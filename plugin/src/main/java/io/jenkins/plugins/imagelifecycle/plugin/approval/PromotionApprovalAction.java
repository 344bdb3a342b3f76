package io.jenkins.plugins.imagelifecycle.plugin.approval;

import hudson.model.Run;
import io.jenkins.plugins.imagelifecycle.plugin.config.EnvironmentConfig;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.support.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * "Approve promotion" on a build's page: the protected promotions the build waits on, approved or rejected by a
 * signed-in user who may ({@link Approvers}), at {@code POST .../image-lifecycle-approval/approve} and {@code .../reject}
 * with {@code id} (and an optional {@code comment}). The record names that user, authenticated; the Jenkinsfile's own
 * {@code approver:} text counts for nothing here.
 */
public class PromotionApprovalAction implements RunAction2 {
    public static final String URL_NAME = "image-lifecycle-approval";
    /** The steps waiting now, by approval id: in memory only, as the steps themselves are. */
    private static final Map<String, CompletableFuture<Decision>> WAITING = new ConcurrentHashMap<>();

    private final List<PromotionApproval> approvals = new ArrayList<>();
    private transient Run<?, ?> run;

    /** The run's action, attached on first use. */
    public static synchronized PromotionApprovalAction of(Run<?, ?> run) {
        PromotionApprovalAction action = run.getAction(PromotionApprovalAction.class);
        if (action == null) {
            action = new PromotionApprovalAction();
            run.addAction(action);
        }
        return action;
    }

    /** Asks for an approval; the future completes with the decision. The approvers are the environment's as configured now. */
    Waiting ask(String digest, String ref, String environment) {
        List<String> approvers = approversOf(environment);
        PromotionApproval approval = new PromotionApproval(UUID.randomUUID().toString(), digest, ref, environment,
                Approvers.describe(approvers), Instant.now());
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        WAITING.put(approval.getId(), decision);
        synchronized (approvals) {
            approvals.add(approval);
        }
        return new Waiting(approval, decision);
    }

    /** The step stopped waiting (aborted, interrupted): nothing can approve this one any more. */
    void abandon(PromotionApproval approval, String why) {
        WAITING.remove(approval.getId());
        if (approval.isWaiting()) {
            approval.decide(PromotionApproval.State.ABANDONED, null, why, Instant.now());
        }
    }

    record Waiting(PromotionApproval approval, CompletableFuture<Decision> decision) {
    }

    static List<String> approversOf(String environment) {
        return ImageLifecycleConfiguration.get().getEnvironments().stream().filter(e -> e.getName().equals(environment)).findFirst()
                .map(EnvironmentConfig::approverList).orElse(List.of());
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
        // loaded from build.xml: the step that waited did not survive the restart
        getApprovals().stream().filter(PromotionApproval::isWaiting)
                .forEach(a -> a.decide(PromotionApproval.State.ABANDONED, null, "the controller restarted while it waited", Instant.now()));
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public List<PromotionApproval> getApprovals() {
        synchronized (approvals) {
            return List.copyOf(approvals);
        }
    }

    public boolean isWaiting() {
        return getApprovals().stream().anyMatch(PromotionApproval::isWaiting);
    }

    /** In the build's side panel while a promotion waits; the page stays at its URL afterwards, with who decided. */
    @Override
    public String getIconFileName() {
        return isWaiting() ? "/plugin/image-lifecycle/images/image-lifecycle.svg" : null;
    }

    @Override
    public String getDisplayName() {
        return isWaiting() ? "Approve promotion" : "Promotion approvals";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** Whether the signed-in user may decide the waiting promotion, for the page to show the buttons. */
    public boolean canDecide(PromotionApproval approval) {
        return approval.isWaiting() && Approvers.refusal(Jenkins.getAuthentication2(), run.getParent(), approval.getEnvironment(),
                approversOf(approval.getEnvironment())).isEmpty();
    }

    @RequirePOST
    public void doApprove(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        decide(req, rsp, true);
    }

    @RequirePOST
    public void doReject(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        decide(req, rsp, false);
    }

    private void decide(StaplerRequest2 req, StaplerResponse2 rsp, boolean approve) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            rsp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Approving changes state; expected POST");
            return;
        }
        String id = req.getParameter("id");
        Optional<PromotionApproval> found = getApprovals().stream().filter(a -> a.getId().equals(id)).findFirst();
        if (found.isEmpty()) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, "No promotion approval '" + id + "' in " + run.getFullDisplayName()
                    + "; expected the id of one listed on this page");
            return;
        }
        PromotionApproval approval = found.get();
        var who = Jenkins.getAuthentication2();
        Optional<String> refusal = Approvers.refusal(who, run.getParent(), approval.getEnvironment(), approversOf(approval.getEnvironment()));
        if (refusal.isPresent()) {
            rsp.sendError(HttpServletResponse.SC_FORBIDDEN, refusal.get());
            return;
        }
        String comment = req.getParameter("comment");
        comment = comment == null || comment.isBlank() ? null : comment.strip();
        CompletableFuture<Decision> waiting;
        synchronized (approval) {
            // taken only from an approval still waiting: a late answer must not take away the wait of a live one
            waiting = approval.isWaiting() ? WAITING.remove(approval.getId()) : null;
            if (waiting == null) {
                rsp.sendError(HttpServletResponse.SC_CONFLICT, "The promotion of " + approval.getRef() + " into " + approval.getEnvironment()
                        + " is no longer waiting (" + approval.getState().name().toLowerCase(java.util.Locale.ROOT) + ")");
                return;
            }
            approval.decide(approve ? PromotionApproval.State.APPROVED : PromotionApproval.State.REJECTED, who.getName(), comment,
                    Instant.now());
        }
        waiting.complete(new Decision(approve, who.getName(), comment));
        if ("true".equals(req.getParameter("fromPage"))) {
            rsp.sendRedirect(".");
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(Json.write(Json.object().put("id", approval.getId()).put("state", approval.getState().name().toLowerCase(java.util.Locale.ROOT))
                    .put("by", who.getName())).getBytes(StandardCharsets.UTF_8));
        }
    }
}
