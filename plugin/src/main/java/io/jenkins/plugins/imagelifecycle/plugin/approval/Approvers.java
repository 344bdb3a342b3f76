package io.jenkins.plugins.imagelifecycle.plugin.approval;

import hudson.model.Job;
import hudson.security.ACL;
import io.jenkins.plugins.imagelifecycle.plugin.ImageLifecyclePermissions;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who may approve a promotion into a protected environment: a signed-in user (never SYSTEM or anonymous) who holds
 * Image Lifecycle/Promote on the job and, when the environment names approvers, is one of them by user id or by a
 * group the security realm gave them.
 */
final class Approvers {
    private Approvers() {
    }

    /** Why {@code who} may not approve, or empty when they may. */
    static Optional<String> refusal(Authentication who, Job<?, ?> job, String environment, List<String> approvers) {
        if (who == null || ACL.SYSTEM2.equals(who) || Jenkins.ANONYMOUS2.getName().equals(who.getName())
                || who.getName() == null || who.getName().isBlank()) {
            return Optional.of("Approving a promotion into " + environment + " needs a signed-in user; "
                    + (who == null ? "no one" : who.getName()) + " is not one");
        }
        if (!job.getACL().hasPermission2(who, ImageLifecyclePermissions.PROMOTE)) {
            return Optional.of(who.getName() + " lacks the Image Lifecycle/Promote permission on " + job.getFullName()
                    + ", which approving a promotion into " + environment + " needs");
        }
        if (!approvers.isEmpty() && !approvers.contains(who.getName())
                && who.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(approvers::contains)) {
            return Optional.of(who.getName() + " is not one of the approvers of " + environment + " (" + String.join(", ", approvers)
                    + "); expected one of those users or a member of one of those groups");
        }
        return Optional.empty();
    }

    static String describe(List<String> approvers) {
        return approvers.isEmpty() ? "anyone with Image Lifecycle/Promote on the job" : String.join(", ", approvers);
    }
}
