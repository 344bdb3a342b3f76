package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import hudson.Extension;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.JobCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.RunIdentity;
import io.jenkins.plugins.imagelifecycle.watch.ChangeClaims;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamChanges;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.concurrent.Future;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code triggers { upstreamImage('H/15 * * * *') }}: on its cron spec, like SCM polling, checks the upstream
 * bases the job's recent builds blessed and the blessed families they augmented from (or the references
 * given), and schedules the job when one changed, with a cause naming the reference and both digests;
 * also when an advisory import opened a finding with a fix on an image the job built (once per advisory
 * and package of a family, like a digest change).
 * The registry webhook and a new blessed image make it check at once. Registries are reached with the
 * credentials the job's builds may use ({@link JobCredentials}), never the system store's.
 */
public class UpstreamImageTrigger extends Trigger<Job<?, ?>> {
    private static final Logger LOGGER = Logger.getLogger(UpstreamImageTrigger.class.getName());

    private String references = "";
    private transient volatile boolean lastScheduled;
    private int quietPeriodSeconds;

    @DataBoundConstructor
    public UpstreamImageTrigger(String spec) {
        super(spec);
    }

    public String getReferences() {
        return references;
    }

    /** One image reference per line: upstream bases or blessed families to watch instead of what the builds used. */
    @DataBoundSetter
    public void setReferences(String references) {
        this.references = references == null ? "" : references;
    }

    public int getQuietPeriodSeconds() {
        return quietPeriodSeconds;
    }

    /** A new upstream digest must stand this long unchanged before it counts (a retagged release settles). */
    @DataBoundSetter
    public void setQuietPeriodSeconds(int quietPeriodSeconds) {
        this.quietPeriodSeconds = quietPeriodSeconds;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    @Override
    public void start(Job<?, ?> project, boolean newInstance) {
        super.start(project, newInstance);
        UpstreamTriggers.register(this);
    }

    @Override
    public void stop() {
        UpstreamTriggers.unregister(this);
    }

    /** Called on Jenkins' cron thread: the registry and catalog work goes to the shared timer pool instead. */
    @Override
    public void run() {
        submitCheck();
    }

    /** Checks on the timer pool; the future completes when the check (and any scheduling) is done. */
    public Future<List<UpstreamChanges.Change>> submitCheck() {
        return Timer.get().submit(() -> {
            try {
                return check(null);
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "Upstream image check of " + job.getFullName() + " failed: " + e.getMessage(), e);
                return List.of();
            }
        });
    }

    /**
     * Checks now and schedules the job when something it builds on changed.
     *
     * @param only references to consider (from a registry notification), or null for all the job watches
     * @return the changes found that this controller claimed; the job was scheduled when there are any
     */
    public List<UpstreamChanges.Change> check(Set<String> only) {
        Catalog catalog = ControllerCatalog.get();
        WatchedImages watched = watched(catalog);
        Set<String> upstreams = new LinkedHashSet<>(watched.upstreams());
        Map<String, String> families = new LinkedHashMap<>(watched.families());
        if (only != null) {
            upstreams.retainAll(only);
            families.keySet().removeIf(family -> only.stream().noneMatch(ref -> ref.equals(family) || ref.startsWith(family + ":")));
        }
        UpstreamWatch watch = new UpstreamWatch(catalog, JobCredentials.registryClient(job),
                8, Duration.ofSeconds(quietPeriodSeconds), Clock.systemUTC());
        List<UpstreamChanges.Change> changes = new ArrayList<>(UpstreamChanges.patchedUpstreams(watch, upstreams,
                unreachable -> LOGGER.warning(() -> "Upstream image check of " + job.getFullName() + ": " + unreachable.upstreamRef()
                        + " could not be checked: " + unreachable.message())));
        changes.addAll(UpstreamChanges.newerBlessed(catalog, families));
        if (only == null) {
            changes.addAll(UpstreamChanges.advisoryFixes(catalog, watched.built(), lastBuildScheduled()));
        }
        return schedule(catalog, changes);
    }

    /** When the job's newest build was scheduled: an advisory first seen before it has had its rebuild. */
    private java.time.Instant lastBuildScheduled() {
        for (hudson.model.Run<?, ?> newest : job.getBuilds().limit(1)) {
            return java.time.Instant.ofEpochMilli(newest.getTimeInMillis());
        }
        return null;
    }

    /** A new blessed image was recorded: schedules the job when it augments from that family; true when queued. */
    boolean blessed(String family) {
        Catalog catalog = ControllerCatalog.get();
        Map<String, String> families = new LinkedHashMap<>(watched(catalog).families());
        families.keySet().retainAll(Set.of(family));
        return !schedule(catalog, UpstreamChanges.newerBlessed(catalog, families)).isEmpty() && lastScheduled;
    }

    /** Whether the last check's build was queued (Jenkins refuses disabled jobs and non-buildable ones). */
    boolean lastScheduled() {
        return lastScheduled;
    }

    /**
     * Schedules the job for the changes this controller claims in the catalog: of controllers sharing the catalog (and of
     * this controller's own later checks, its webhook and its cascade) only the first to claim a change schedules its
     * rebuild. A claim whose build Jenkins refuses is given back, so the change still schedules the job once it can build.
     *
     * @return the changes claimed and scheduled for
     */
    private List<UpstreamChanges.Change> schedule(Catalog catalog, List<UpstreamChanges.Change> found) {
        ChangeClaims claims = new ChangeClaims(catalog, RunIdentity.controller(), Clock.systemUTC());
        List<UpstreamChanges.Change> changes = claims.take(job.getFullName(), found);
        if (changes.size() < found.size()) {
            LOGGER.fine(() -> job.getFullName() + ": " + (found.size() - changes.size()) + " upstream change(s) already scheduled once "
                    + "(claimed in the catalog by this or another controller)");
        }
        lastScheduled = !changes.isEmpty()
                && ParameterizedJobMixIn.scheduleBuild2(job, 0, new CauseAction(new UpstreamImageCause(changes))) != null;
        if (!changes.isEmpty() && !lastScheduled) {
            claims.giveBack(job.getFullName(), changes);
            LOGGER.info(() -> job.getFullName() + " was not scheduled for " + changes.size() + " upstream change(s): the job is not buildable");
            return List.of();
        }
        return changes;
    }

    /** The configured references (each both an upstream base and a blessed family), else what the builds used. */
    WatchedImages watched(Catalog catalog) {
        List<String> given = Arrays.stream(references.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (given.isEmpty()) {
            return WatchedImages.of(job, catalog);
        }
        WatchedImages fromBuilds = WatchedImages.of(job, catalog);
        List<ImageRecord> images = catalog.images();
        Map<String, String> families = new LinkedHashMap<>();
        for (String ref : given) {
            String family = ImageRef.parse(ref).name();
            families.put(family, fromBuilds.families().getOrDefault(family,
                    UpstreamChanges.newestBlessed(images, family).map(ImageRecord::digest).orElse("")));
        }
        return new WatchedImages(new LinkedHashSet<>(given), families, fromBuilds.built());
    }

    @Extension
    @Symbol("upstreamImage")
    public static class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof Job;
        }

        @Override
        public String getDisplayName() {
            return "Rebuild when an upstream or blessed image changes";
        }

        @POST
        public FormValidation doCheckReferences(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null || !item.hasPermission(Item.CONFIGURE)) {
                return FormValidation.ok();
            }
            for (String line : (value == null ? "" : value).split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    ImageRef.parse(line.trim());
                } catch (LifecycleException e) {
                    return FormValidation.error(e.getMessage());
                }
            }
            return FormValidation.ok();
        }
    }
}
