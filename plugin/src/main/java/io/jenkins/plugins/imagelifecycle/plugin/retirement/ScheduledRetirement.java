package io.jenkins.plugins.imagelifecycle.plugin.retirement;

import hudson.Extension;
import hudson.model.PeriodicWork;
import hudson.scheduler.CronTabList;
import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.lifecycle.CatalogPlacements;
import io.jenkins.plugins.imagelifecycle.lifecycle.EndOfLife;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyRetirement;
import io.jenkins.plugins.imagelifecycle.lifecycle.PolicyRunResult;
import io.jenkins.plugins.imagelifecycle.lifecycle.RetirePolicy;
import io.jenkins.plugins.imagelifecycle.plugin.ControllerCatalog;
import io.jenkins.plugins.imagelifecycle.plugin.SystemCredentials;
import io.jenkins.plugins.imagelifecycle.plugin.config.ImageLifecycleConfiguration;
import io.jenkins.plugins.imagelifecycle.registry.ManifestDeletion;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.Optional;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The global configuration's retirement policy, run by the controller on its schedule: each minute Jenkins
 * calls this, and when the cron spec matched a minute since the last call, the core applies the policy as
 * {@code retire --policy} does, with {@value #ACTOR} as the events' actor. What it did goes to the system log.
 */
@Extension
public class ScheduledRetirement extends PeriodicWork {
    public static final String ACTOR = "SYSTEM (scheduled retirement policy)";
    private static final Logger LOGGER = Logger.getLogger(ScheduledRetirement.class.getName());
    /** Minutes looked back for a match after a late call, as Jenkins' own cron catches up on a busy timer. */
    private static final int CATCH_UP_MINUTES = 60;

    private final Clock clock;
    private Instant checkedUpTo;

    public ScheduledRetirement() {
        this(Clock.systemDefaultZone());
    }

    ScheduledRetirement(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long getRecurrencePeriod() {
        return MIN;
    }

    @Override
    protected void doRun() {
        runIfDue();
    }

    /** Applies the policy when the schedule matched a minute since the last check; empty when it did not run. */
    synchronized Optional<PolicyRunResult> runIfDue() {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Instant from = checkedUpTo == null ? minute : checkedUpTo.plus(Duration.ofMinutes(1));
        checkedUpTo = minute;
        ImageLifecycleConfiguration config = ImageLifecycleConfiguration.get();
        Optional<CronTabList> schedule = config.retirementScheduleTabs();
        if (schedule.isEmpty() || !matchedBetween(schedule.get(), from, minute)) {
            return Optional.empty();
        }
        return config.retirementPolicy().map(this::apply);
    }

    private boolean matchedBetween(CronTabList schedule, Instant from, Instant to) {
        Instant start = from.isBefore(to.minus(Duration.ofMinutes(CATCH_UP_MINUTES))) ? to.minus(Duration.ofMinutes(CATCH_UP_MINUTES)) : from;
        Calendar calendar = Calendar.getInstance(TimeZone.getTimeZone(clock.getZone()));
        for (Instant m = start; !m.isAfter(to); m = m.plus(Duration.ofMinutes(1))) {
            calendar.setTimeInMillis(m.toEpochMilli());
            if (schedule.check(calendar)) {
                return true;
            }
        }
        return false;
    }

    private PolicyRunResult apply(RetirePolicy policy) {
        Catalog catalog = ControllerCatalog.get();
        EndOfLife endOfLife = new EndOfLife(catalog, new ManifestDeletion(SystemCredentials.registryClient()),
                CatalogPlacements.copies(catalog), ACTOR, clock);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            PolicyRunResult result = new PolicyRetirement(endOfLife, CatalogPlacements.standingInEnvironments(catalog))
                    .apply(policy, ImageLifecycleConfiguration.RETIREMENT_POLICY_SOURCE, log);
            LOGGER.log(Level.INFO, "Scheduled retirement policy ran:\n{0}", bytes.toString(StandardCharsets.UTF_8));
            return result;
        }
    }
}
