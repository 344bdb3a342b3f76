package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import hudson.util.Secret;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.LogThrottle;
import io.jenkins.plugins.imagelifecycle.watch.NotificationListener;
import io.jenkins.plugins.imagelifecycle.watch.NotificationReplayGuard;
import io.jenkins.plugins.imagelifecycle.watch.NotificationSignature;
import io.jenkins.plugins.imagelifecycle.watch.PendingChecks;
import io.jenkins.plugins.imagelifecycle.watch.RegistryNotifications;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * {@code POST $JENKINS_URL/image-lifecycle-webhook/notify}: a registry's notification endpoint (distribution's
 * events envelope). Unauthenticated by Jenkins, so it demands the shared secret of the global configuration
 * in the {@code X-Image-Lifecycle-Secret} header and, when a signing key is configured, the body's HMAC in
 * {@code X-Image-Lifecycle-Signature}; with neither configured it refuses everything. Events already received or
 * stamped outside the window are dropped ({@link NotificationReplayGuard}); a push of a watched reference makes
 * the watching jobs' triggers check at once (on the timer pool; the answer, 202, does not wait for the
 * registries), at most one waiting check per reference and a bounded number in all ({@link PendingChecks}).
 * Refusals are logged at most once a minute at INFO, the rest at FINE: anyone can send them.
 */
@Extension
public class UpstreamWebhook implements UnprotectedRootAction {
    public static final String URL_NAME = "image-lifecycle-webhook";
    static final int MAX_BODY = 1 << 20;
    private static final Logger LOGGER = Logger.getLogger(UpstreamWebhook.class.getName());

    private final NotificationReplayGuard replayGuard = new NotificationReplayGuard(NotificationReplayGuard.DEFAULT_CAPACITY,
            Clock.systemUTC());
    private final PendingChecks pending = new PendingChecks(PendingChecks.DEFAULT_CAPACITY);
    private final LogThrottle refusalLog = new LogThrottle(Duration.ofMinutes(1), Clock.systemUTC());

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Image Lifecycle webhook";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @RequirePOST
    public void doNotify(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            refuse(rsp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "expected POST");
            return;
        }
        ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
        String secret = plain(config.getWebhookSecret());
        String signingKey = plain(config.getWebhookSignatureSecret());
        if (secret == null && signingKey == null) {
            refuse(rsp, HttpServletResponse.SC_FORBIDDEN, "the webhook is disabled: no secret is configured in Image Lifecycle settings");
            return;
        }
        if (secret != null) {
            String given = req.getHeader(NotificationListener.SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
                refuse(rsp, HttpServletResponse.SC_UNAUTHORIZED, given == null ? "no " + NotificationListener.SECRET_HEADER + " header"
                        : "wrong " + NotificationListener.SECRET_HEADER);
                return;
            }
        }
        if (!RegistryNotifications.acceptsMediaType(req.getContentType())) {
            refuse(rsp, HttpServletResponse.SC_BAD_REQUEST, "content type is not " + RegistryNotifications.MEDIA_TYPE_V1);
            return;
        }
        byte[] body = req.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            refuse(rsp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "body is over " + MAX_BODY + " bytes");
            return;
        }
        if (signingKey != null) {
            String signature = req.getHeader(NotificationSignature.HEADER);
            if (!NotificationSignature.matches(signingKey, body, signature)) {
                refuse(rsp, HttpServletResponse.SC_UNAUTHORIZED, (signature == null ? "no " : "wrong ") + NotificationSignature.HEADER
                        + "; expected sha256=<hex> of the body's HMAC-SHA256 with the configured signing key");
                return;
            }
        }
        NotificationReplayGuard.Admission admitted;
        try {
            admitted = replayGuard.admit(RegistryNotifications.events(new String(body, StandardCharsets.UTF_8)),
                    config.webhookEventWindow());
        } catch (BadInputException e) {
            refuse(rsp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        var json = Json.object();
        if (!admitted.refused().isEmpty()) {
            logThrottled("Registry notification: dropped " + admitted.refused().size() + " event(s): " + String.join("; ", admitted.refused()));
            admitted.refused().forEach(json.putArray("refused")::add);
        }
        if (admitted.fresh().isEmpty() && !admitted.refused().isEmpty()) {
            // 200, not 4xx: distribution retries every other answer for ever, holding back the endpoint's later events
            json.put("checking", 0);
            answer(rsp, HttpServletResponse.SC_OK, json);
            return;
        }
        Set<String> pushed = RegistryNotifications.pushedTags(admitted.fresh());
        PendingChecks.Claim claim = pending.claim(pushed);
        if (!claim.queued().isEmpty()) {
            // the checks reach registries: they run on the timer pool, and the registry gets its answer at once
            Timer.get().submit(() -> {
                pending.started(claim.queued());
                return UpstreamTriggers.pushed(claim.queued());
            });
        }
        if (!claim.dropped().isEmpty()) {
            logThrottled("Registry notification: dropped the check of " + claim.dropped().size() + " pushed reference(s): " + PendingChecks.DEFAULT_CAPACITY
                    + " are waiting already; the triggers' schedules will find them");
        }
        pushed.forEach(json.putArray("pushed")::add);
        if (!claim.coalesced().isEmpty()) {
            claim.coalesced().forEach(json.putArray("alreadyWaiting")::add);
        }
        if (!claim.dropped().isEmpty()) {
            claim.dropped().forEach(json.putArray("dropped")::add);
        }
        json.put("checking", UpstreamTriggers.started());
        answer(rsp, HttpServletResponse.SC_ACCEPTED, json);
    }

    private static String plain(Secret secret) {
        return secret == null || secret.getPlainText().isEmpty() ? null : secret.getPlainText();
    }

    private static void answer(StaplerResponse2 rsp, int status, ObjectNode json) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("application/json;charset=UTF-8");
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(Json.write(json).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void refuse(StaplerResponse2 rsp, int status, String why) throws IOException {
        logThrottled("Refused registry notification (HTTP " + status + "): " + why);
        rsp.sendError(status, why);
    }

    /** Anyone can cause a refusal: one INFO line a minute, with how many were held back, the rest at FINE. */
    private void logThrottled(String line) {
        var admitted = refusalLog.admit();
        if (admitted.isPresent()) {
            long heldBack = admitted.getAsLong();
            LOGGER.info(line + (heldBack > 0 ? " (and " + heldBack + " more refusals since the last such line, logged at FINE)" : ""));
        } else {
            LOGGER.log(Level.FINE, line);
        }
    }
}
