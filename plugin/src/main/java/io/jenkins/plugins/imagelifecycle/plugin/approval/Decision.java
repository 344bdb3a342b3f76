package io.jenkins.plugins.imagelifecycle.plugin.approval;

/** A person's answer to a waiting promotion: the authenticated user's id, and what they wrote. */
public record Decision(boolean approved, String by, String comment) {
}
