package io.jenkins.plugins.imagelifecycle.plugin.pages;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Puts the image lifecycle action on every job (Pipeline or not); it lists nothing until a build made an image. */
@Extension
public class ImageLifecycleJobActionFactory extends TransientActionFactory<Job> {
    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job target) {
        return List.of(new ImageLifecycleJobAction(target));
    }
}
