package io.jenkins.plugins.imagelifecycle.plugin.trigger;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;

/** Jenkins never stops the triggers of a deleted job: forget them here, or the webhook would check for it forever. */
@Extension
public class DeletedJobTriggers extends ItemListener {
    @Override
    public void onDeleted(Item item) {
        UpstreamTriggers.forget(item);
    }
}
