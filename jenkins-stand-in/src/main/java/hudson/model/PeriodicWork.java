// Compile-only stand-in of hudson.model.PeriodicWork (Jenkins 2.479.3); never shipped. Jenkins schedules each one on its Timer at start-up; the stand-in schedules nothing.
package hudson.model;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.triggers.SafeTimerTask;
import java.util.concurrent.ThreadLocalRandom;

public abstract class PeriodicWork extends SafeTimerTask implements ExtensionPoint {
    protected static final long MIN = 1000 * 60;
    protected static final long HOUR = 60 * MIN;
    protected static final long DAY = 24 * HOUR;

    public abstract long getRecurrencePeriod();

    public long getInitialDelay() {
        return ThreadLocalRandom.current().nextLong(getRecurrencePeriod());
    }

    public static ExtensionList<PeriodicWork> all() {
        return ExtensionList.lookup(PeriodicWork.class);
    }
}
