package io.jenkins.plugins.imagelifecycle.plugin.pages;

import hudson.model.Action;
import hudson.model.Api;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageLifecycleRunAction;
import io.jenkins.plugins.imagelifecycle.plugin.run.ImageOperation;
import io.jenkins.plugins.imagelifecycle.view.ImageStandings;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * "Image Lifecycle" on a job's page: the images the job's recent builds produced, where each stands now
 * (environments, outdated, deprecated, retired), and the builds that made and promoted them; the
 * lifecycle view filtered to them at {@code view}.
 */
@ExportedBean
public class ImageLifecycleJobAction implements Action {
    /** How many recent builds are read; older builds' images stay in the catalog and the root page. */
    static final int RECENT_BUILDS = 50;
    private static final Set<String> PRODUCING = Set.of("bless", "augment", "build-host");

    private final Job<?, ?> job;

    public ImageLifecycleJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
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
        return ImageLifecycleRootAction.URL_NAME;
    }

    /** Newest first. */
    @Exported(inline = true)
    public List<JobImage> getImages() {
        Map<String, Made> made = new LinkedHashMap<>();
        Map<String, List<String>> promotions = new LinkedHashMap<>();
        ImageLifecycleRunAction.forRecentOperations(job, RECENT_BUILDS, (run, op) -> {
            if (PRODUCING.contains(op.getOperation())) {
                made.putIfAbsent(op.getDigest(), new Made(op, run));
            } else if ("promote".equals(op.getOperation())) {
                promotions.computeIfAbsent(op.getDigest(), d -> new ArrayList<>())
                        .add(0, run.getExternalizableId() + " → " + op.getEnvironment());
            }
        });
        Map<String, ImageStandings.Standing> standings = ImageStandings.of(ControllerCatalog.get(), made.keySet());
        List<JobImage> images = new ArrayList<>();
        made.forEach((digest, m) -> {
            ImageStandings.Standing s = standings.get(digest);
            if (s != null) {
                LocalDate eol = s.image().eolDate();
                images.add(new JobImage(m.op.getRef(), digest, m.op.getOperation(), s.image().stage().id(), s.environments(),
                        s.outdated(), s.outdatedReason(), eol == null ? null : eol.toString(), m.run.getNumber(), m.run.getUrl(),
                        List.copyOf(promotions.getOrDefault(digest, List.of()))));
            }
        });
        return images;
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

    public void doView(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        LifecyclePages.servePage(rsp);
    }

    public void doData(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        LifecyclePages.serveData(rsp, shownDigests()::contains);
    }

    /** One image's events: only of an image the job's view shows (its images and their ancestors). */
    public void doHistory(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        LifecyclePages.requireView(); // before the job's builds are read for its images
        LifecyclePages.serveHistory(req, rsp, shownDigests()::contains);
    }

    /** The digests the job's view is drawn for (their ancestors are added to it). */
    private Set<String> shownDigests() {
        Set<String> digests = new java.util.HashSet<>();
        getImages().forEach(i -> digests.add(i.digest()));
        return digests;
    }

    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        LifecyclePages.serveAsset(req, rsp);
    }

    private record Made(ImageOperation op, Run<?, ?> run) {
    }
}
