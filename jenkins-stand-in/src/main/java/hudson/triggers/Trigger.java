// Compile-only stand-in of hudson.triggers.Trigger (Jenkins 2.479.3); never shipped. The cron spec is kept, not parsed.
package hudson.triggers;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Item;

public abstract class Trigger<J extends Item> implements Describable<Trigger<?>>, ExtensionPoint {
    protected final String spec;
    protected transient J job;

    protected Trigger(String cronTabSpec) {
        this.spec = cronTabSpec;
    }

    public void start(J project, boolean newInstance) {
        this.job = project;
    }

    public void run() {
    }

    public void stop() {
    }

    public final String getSpec() {
        return spec;
    }

    @Override
    public TriggerDescriptor getDescriptor() {
        throw new UnsupportedOperationException("compile-only stand-in: no extension registry");
    }
}
