package io.jenkins.plugins.imagelifecycle.plugin;

import hudson.model.Cause;
import hudson.model.Run;
import io.jenkins.plugins.imagelifecycle.lifecycle.BuildContext;
import jenkins.model.Jenkins;

/** Who and what a run is, for the change record: the user who started it, the Jenkins instance, the build URL. */
public final class RunIdentity {
    private RunIdentity() {
    }

    public static BuildContext of(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        String invocation = root != null ? root + run.getUrl() : "urn:jenkins-run:" + run.getExternalizableId();
        return new BuildContext(actor(run), controller(), invocation);
    }

    /** This controller: its root URL, or its home directory's name when no URL is configured (the SLSA builder id). */
    public static String controller() {
        String root = Jenkins.get().getRootUrl();
        return root != null ? root : "urn:jenkins:" + Jenkins.get().getRootDir().getName();
    }

    /** The user who started the run and the run itself, or the run alone when no user did (timer, trigger). */
    static String actor(Run<?, ?> run) {
        Cause.UserIdCause user = run.getCause(Cause.UserIdCause.class);
        String build = run.getExternalizableId();
        return user != null && user.getUserId() != null ? user.getUserId() + " via " + build : build;
    }
}
