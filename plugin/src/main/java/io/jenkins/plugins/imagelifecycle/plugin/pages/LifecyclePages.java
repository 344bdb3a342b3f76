package io.jenkins.plugins.imagelifecycle.plugin.pages;

import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.Printable;
import io.jenkins.plugins.imagelifecycle.view.ImageHistory;
import io.jenkins.plugins.imagelifecycle.view.LifecycleView;
import io.jenkins.plugins.imagelifecycle.view.ViewPage;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Predicate;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Serves the lifecycle view (the same page the CLI's report and serve commands produce) under an
 * action's URL: the page at {@code .../view}, its data at {@code .../data} (JSON contract
 * {@code image-lifecycle-view/v2}, without the images' events), one image's events at
 * {@code .../history?digest=sha256:…}, its script and style beside them. The page runs under its own
 * strict Content-Security-Policy.
 */
public final class LifecyclePages {
    public static final String PAGE = "view";
    public static final String DATA = "data";
    public static final String HISTORY = "history";

    private LifecyclePages() {
    }

    /**
     * The view shows ancestors built by other jobs with their whole history, so every page that serves it (root, job, run)
     * needs the plugin's View permission, not Item/Read alone.
     */
    public static void requireView() {
        jenkins.model.Jenkins.get().checkPermission(io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions.VIEW);
    }

    public static void servePage(StaplerResponse2 rsp) throws IOException {
        requireView();
        rsp.setHeader("Content-Security-Policy", ViewPage.SERVED_CSP);
        write(rsp, "text/html;charset=UTF-8", ViewPage.served(DATA, HISTORY).getBytes(StandardCharsets.UTF_8));
    }

    /** Streams the view's data as it is read from the catalog: a catalog of 100,000 images is never one byte array. */
    public static void serveData(StaplerResponse2 rsp, Predicate<String> include) throws IOException {
        requireView();
        rsp.setHeader("Cache-Control", "no-cache");
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = rsp.getOutputStream();
             JsonGenerator json = Json.MAPPER.getFactory().createGenerator(new BufferedOutputStream(out, 1 << 16))) {
            LifecycleView.write(ControllerCatalog.get(),
                    ControllerCatalog.config().environments().stream().map(Environment::name).toList(), include,
                    LifecycleView.History.ON_DEMAND, json);
        }
    }

    /**
     * One image's events for the page's details, under the same permission as its data, and only of an image that
     * page shows (one {@code include} accepts, or an ancestor of one): 400 for a value that is not a digest, 404 for
     * an image the page does not show.
     */
    public static void serveHistory(StaplerRequest2 req, StaplerResponse2 rsp, Predicate<String> include) throws IOException {
        requireView();
        String digest = req.getParameter("digest");
        if (digest == null) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST,
                    "Parameter 'digest' is missing; expected ?digest=sha256:<64 hex characters>");
            return;
        }
        Optional<ImageHistory> history;
        try {
            history = LifecycleView.history(ControllerCatalog.get(), digest, include);
        } catch (BadInputException e) {
            rsp.sendError(HttpServletResponse.SC_BAD_REQUEST, Printable.of(e.getMessage()));
            return;
        }
        if (history.isEmpty()) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, "Image '" + Printable.of(digest)
                    + "' is not shown on this page; expected the digest of an image its view shows");
            return;
        }
        rsp.setHeader("Cache-Control", "no-cache");
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = rsp.getOutputStream();
             JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            history.get().write(json);
        }
    }

    /** The script or style of the page; anything else is not found. */
    public static void serveAsset(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        String name = req.getRestOfPath() == null ? "" : req.getRestOfPath().replaceFirst("^/", "");
        Optional<byte[]> asset = ViewPage.JS.equals(name) || ViewPage.CSS.equals(name) ? ViewPage.asset(name) : Optional.empty();
        if (asset.isEmpty()) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(rsp, ViewPage.contentType(name), asset.get());
    }

    private static void write(StaplerResponse2 rsp, String contentType, byte[] body) throws IOException {
        rsp.setContentType(contentType);
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        try (OutputStream out = rsp.getOutputStream()) {
            out.write(body);
        }
    }
}
