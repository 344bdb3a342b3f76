package io.jenkins.plugins.imagelifecycle.plugin.run;

import hudson.model.Api;
import hudson.model.Job;
import hudson.model.Run;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import jakarta.servlet.http.HttpServletResponse;
import io.jenkins.plugins.imagelifecycle.plugin.pages.LifecyclePages;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * Every image operation of a run: shown as a summary on the build page, listed on its own page, exported
 * to the REST API ({@code .../image-lifecycle/api/json}), provenance downloadable as JSON
 * ({@code .../image-lifecycle/provenance?digest=sha256:...}). The run is transient and set again when
 * Jenkins loads the build; large results live in {@link RunFiles}.
 */
@ExportedBean
public class ImageLifecycleRunAction implements RunAction2 {
    public static final String URL_NAME = "image-lifecycle";

    private transient Run<?, ?> run;
    private final List<ImageOperation> operations = new ArrayList<>();

    /**
     * Visits the succeeded operations that carry a digest, of a job's newest {@code builds} builds, newest build
     * first. {@code limit}: RunList's size() would load every build of the job.
     */
    public static void forRecentOperations(Job<?, ?> job, int builds, BiConsumer<Run<?, ?>, ImageOperation> visitor) {
        for (Run<?, ?> run : job.getBuilds().limit(builds)) {
            ImageLifecycleRunAction action = run.getAction(ImageLifecycleRunAction.class);
            if (action == null) {
                continue;
            }
            for (ImageOperation op : action.getOperations()) {
                if (op.isSucceeded() && op.getDigest() != null) {
                    visitor.accept(run, op);
                }
            }
        }
    }

    /** The run's action, attached on first use. */
    public static synchronized ImageLifecycleRunAction of(Run<?, ?> run) {
        ImageLifecycleRunAction action = run.getAction(ImageLifecycleRunAction.class);
        if (action == null) {
            action = new ImageLifecycleRunAction();
            run.addAction(action);
        }
        return action;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "/plugin/image-lifecycle/images/image-lifecycle.svg";
    }

    @Override
    public String getDisplayName() {
        return "Image Lifecycle";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /** Records an operation; its provenance and test details, when given, go to files beside build.xml. */
    public void add(ImageOperation operation, String provenanceJson, String testDetailsJson) {
        if (operation.getDigest() != null) {
            RunFiles files = files();
            if (provenanceJson != null) {
                files.write(operation.getDigest(), RunFiles.PROVENANCE, provenanceJson);
            }
            if (testDetailsJson != null) {
                files.write(operation.getDigest(), RunFiles.TESTS, testDetailsJson);
            }
        }
        synchronized (operations) {
            operations.add(operation);
        }
    }

    /** Keeps an image's release notes beside build.xml, for the run page. */
    public void addReleaseNotes(String digest, String markdown) {
        files().write(digest, RunFiles.RELEASE_NOTES, markdown);
    }

    /** An image's release notes, or null: for the run page, which shows them under the operations. */
    public String releaseNotesOf(String digest) {
        return digest == null ? null : files().read(digest, RunFiles.RELEASE_NOTES).orElse(null);
    }

    @Exported(inline = true)
    public List<ImageOperation> getOperations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    public Optional<String> provenance(String digest) {
        return files().read(digest, RunFiles.PROVENANCE);
    }

    public Optional<String> testDetails(String digest) {
        return files().read(digest, RunFiles.TESTS);
    }

    /** Serves the SLSA provenance of one image of this run. */
    public void doProvenance(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        serve(req.getParameter("digest"), RunFiles.PROVENANCE, rsp);
    }

    /** Serves the detailed image test results of one image of this run. */
    public void doTests(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        serve(req.getParameter("digest"), RunFiles.TESTS, rsp);
    }

    /** {@code .../image-lifecycle/api/json}. */
    /** Whether the page links the lifecycle view and the JSON (both need Image Lifecycle/View). */
    public boolean isViewAllowed() {
        return jenkins.model.Jenkins.get().hasPermission(io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions.VIEW);
    }

    public Api getApi() {
        LifecyclePages.requireView();
        return new Api(this);
    }

    /** The lifecycle view of this run's images (page, data, assets). */
    public void doView(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        LifecyclePages.servePage(rsp);
    }

    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        LifecyclePages.serveData(rsp, digest -> digests().contains(digest));
    }

    /** One image's events: only of an image this run's view shows (its images and their ancestors). */
    public void doHistory(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        java.util.Set<String> digests = digests();
        LifecyclePages.serveHistory(req, rsp, digests::contains);
    }

    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        LifecyclePages.serveAsset(req, rsp);
    }

    /** Every digest this run's operations touched. */
    public java.util.Set<String> digests() {
        java.util.Set<String> digests = new java.util.HashSet<>();
        for (ImageOperation op : getOperations()) {
            if (op.getDigest() != null) {
                digests.add(op.getDigest());
            }
        }
        return digests;
    }

    private void serve(String digest, String kind, StaplerResponse2 rsp) throws IOException {
        Optional<String> json = digest == null ? Optional.empty() : files().read(digest, kind);
        if (json.isEmpty()) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, "No " + kind + " for digest '" + digest
                    + "' in this run; expected ?digest=sha256:... of an image this run built");
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("Content-Disposition", "attachment; filename=\"" + digest.replace(':', '-') + "." + kind + ".json\"");
        PrintWriter out = rsp.getWriter();
        out.write(json.get());
        out.flush();
    }

    private RunFiles files() {
        if (run == null) {
            throw new IllegalStateException("The image lifecycle action is not attached to a run");
        }
        return new RunFiles(run.getRootDir().toPath());
    }
}
