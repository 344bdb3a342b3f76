package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Registries send no CSRF crumb: the webhook's POSTs pass Jenkins' crumb filter, and the webhook itself
 * refuses any request without the shared secret.
 */
@Extension
public class WebhookCrumbExclusion extends CrumbExclusion {
    static final String PATH = "/" + UpstreamWebhook.URL_NAME + "/";

    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null && path.startsWith(PATH)) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
