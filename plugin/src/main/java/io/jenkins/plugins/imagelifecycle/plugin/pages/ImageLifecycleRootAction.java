package io.jenkins.plugins.imagelifecycle.plugin.pages;

import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.imagelifecycle.lifecycle.CatalogPlacements;
import io.jenkins.plugins.imagelifecycle.lifecycle.EndOfLife;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireRequest;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetireResult;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions;
import io.jenkins.plugins.imagelifecycle.plugin.SystemCredentials;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import io.jenkins.plugins.imagelifecycle.support.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * "Image Lifecycle" in the Jenkins side panel, for holders of Image Lifecycle/View: the lifecycle view over the
 * whole catalog (lineage, where each image stands, outdated and end-of-life marks), its JSON, and retirement as a POST for those with
 * the Retire permission.
 */
@Extension
public class ImageLifecycleRootAction implements RootAction {
    public static final String URL_NAME = "image-lifecycle";

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(ImageLifecyclePermissions.VIEW) ? "/plugin/image-lifecycle/images/image-lifecycle.svg" : null;
    }

    @Override
    public String getDisplayName() {
        return "Image Lifecycle";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** The page itself (Stapler's index view of this action). */
    public void doIndex(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(ImageLifecyclePermissions.VIEW);
        LifecyclePages.servePage(rsp);
    }

    public void doView(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        doIndex(req, rsp);
    }

    /** The whole catalog as the view's JSON. */
    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(ImageLifecyclePermissions.VIEW);
        LifecyclePages.serveData(rsp, digest -> true);
    }

    /** One image's events for the page's details: {@code .../history?digest=sha256:…}, any image of the catalog. */
    public void doHistory(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(ImageLifecyclePermissions.VIEW);
        LifecyclePages.serveHistory(req, rsp, digest -> true);
    }

    /** app.js and view.css. */
    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Jenkins.get().checkPermission(ImageLifecyclePermissions.VIEW);
        LifecyclePages.serveAsset(req, rsp);
    }

    /**
     * The deploy-time check, read-only, at {@code GET .../image-lifecycle/check?image=DIGEST&env=ENV} (Stapler maps the
     * {@code check} segment to this object's index; a {@code doCheck} here would read as form validation).
     */
    public FitnessEndpoint getCheck() {
        return new FitnessEndpoint();
    }

    /**
     * Retires one image: {@code POST .../image-lifecycle/retire} with {@code image}, {@code reason} and
     * optionally {@code cascade=true}. POST only (with Jenkins' CSRF crumb), Retire permission on Jenkins.
     */
    @RequirePOST
    public void doRetire(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            rsp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Retiring changes state; expected POST");
            return;
        }
        Jenkins.get().checkPermission(ImageLifecyclePermissions.RETIRE);
        String image = req.getParameter("image");
        if (image == null || image.isBlank()) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, "Parameter 'image' is missing; expected a reference or sha256: digest");
            return;
        }
        String actor = Jenkins.getAuthentication2().getName();
        var catalog = ControllerCatalog.get();
        var endOfLife = new EndOfLife(catalog, new ManifestDeletion(SystemCredentials.registryClient()),
                CatalogPlacements.copies(catalog), actor, Clock.systemUTC());
        RetireResult result;
        try {
            RetireRequest request = new RetireRequest(image, req.getParameter("reason"), "true".equals(req.getParameter("cascade")), false, false);
            ImageLifecyclePermissions.requireOnProducers(endOfLife.retiring(request), ImageLifecyclePermissions.RETIRE,
                    "retiring " + image + (request.cascade() ? " with its descendants" : ""), new PrintStream(OutputStream.nullOutputStream()));
            result = endOfLife.retire(request, new PrintStream(OutputStream.nullOutputStream()));
        } catch (LifecycleException e) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        } catch (hudson.AbortException e) {
            rsp.sendError(HttpServletResponse.SC_FORBIDDEN, e.getMessage());
            return;
        }
        var json = Json.object();
        result.retired().forEach(json.putArray("retired")::add);
        result.outdated().forEach(json.putArray("outdated")::add);
        rsp.setContentType("application/json;charset=UTF-8");
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(Json.write(json).getBytes(StandardCharsets.UTF_8));
        }
    }
}
