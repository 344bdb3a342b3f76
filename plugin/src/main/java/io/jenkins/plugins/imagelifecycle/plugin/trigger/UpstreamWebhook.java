package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import hudson.util.Secret;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.watch.NotificationListener;
import io.jenkins.plugins.imagelifecycle.watch.RegistryNotifications;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * {@code POST $JENKINS_URL/image-lifecycle-webhook/notify}: a registry's notification endpoint (distribution's
 * events envelope). Unauthenticated by Jenkins, so it demands the shared secret of the global configuration
 * in the {@code X-Image-Lifecycle-Secret} header; without a configured secret it refuses everything. A push
 * of a watched reference makes the watching jobs' triggers check at once (on the timer pool; the answer,
 * 202, does not wait for the registries).
 */
@Extension
public class UpstreamWebhook implements UnprotectedRootAction {
    public static final String URL_NAME = "image-lifecycle-webhook";
    static final int MAX_BODY = 1 << 20;
    private static final Logger LOGGER = Logger.getLogger(UpstreamWebhook.class.getName());

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
        Secret configured = ImageLifecycleConfiguration.get().getWebhookSecret();
        if (configured == null || configured.getPlainText().isEmpty()) {
            refuse(rsp, HttpServletResponse.SC_FORBIDDEN, "the webhook is disabled: no secret is configured in Image Lifecycle settings");
            return;
        }
        String given = req.getHeader(NotificationListener.SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(configured.getPlainText().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            refuse(rsp, HttpServletResponse.SC_UNAUTHORIZED, given == null ? "no " + NotificationListener.SECRET_HEADER + " header"
                    : "wrong " + NotificationListener.SECRET_HEADER);
            return;
        }
        if (!RegistryNotifications.acceptsMediaType(req.getContentType())) {
            refuse(rsp, HttpServletResponse.SC_BAD_REQUEST, "content type is not " + RegistryNotifications.MEDIA_TYPE_V1);
            return;
        }
        String body = readLimited(req);
        if (body == null) {
            refuse(rsp, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "body is over " + MAX_BODY + " characters");
            return;
        }
        Set<String> pushed;
        try {
            pushed = RegistryNotifications.pushedTags(body);
        } catch (BadInputException e) {
            refuse(rsp, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        // the checks reach registries: they run on the timer pool, and the registry gets its answer at once
        Timer.get().submit(() -> UpstreamTriggers.pushed(pushed));
        var json = Json.object();
        pushed.forEach(json.putArray("pushed")::add);
        json.put("checking", UpstreamTriggers.started());
        rsp.setStatus(HttpServletResponse.SC_ACCEPTED);
        rsp.setContentType("application/json;charset=UTF-8");
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(Json.write(json).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void refuse(StaplerResponse2 rsp, int status, String why) throws IOException {
        LOGGER.info("Refused registry notification (HTTP " + status + "): " + why);
        rsp.sendError(status, why);
    }

    private static String readLimited(StaplerRequest2 req) throws IOException {
        CharBuffer buffer = CharBuffer.allocate(MAX_BODY + 1);
        var reader = req.getReader();
        while (buffer.hasRemaining() && reader.read(buffer) >= 0) {
            // keep reading until the limit or the end
        }
        if (!buffer.hasRemaining()) {
            return null;
        }
        buffer.flip();
        return buffer.toString();
    }
}
