// Compile-only stand-in of hudson.init.InitMilestone (Jenkins 2.479.3; Milestone omitted; the milestones the plugin names and the defaults); never shipped.
package hudson.init;

public enum InitMilestone {
    STARTED,
    PLUGINS_STARTED,
    COMPLETED
}
