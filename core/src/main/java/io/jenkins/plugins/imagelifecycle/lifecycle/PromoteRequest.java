package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.AdvisoryWaiver;
import java.io.Serializable;
import java.util.List;

/**
 * @param image       reference or digest of a catalog image
 * @param environment where it goes
 * @param approver    who approved (required for protected environments), or null
 * @param waiveTests  why the test gate is waived (recorded), or null to require passing tests
 * @param advisoryWaivers findings accepted one by one, each with a reason and an end (recorded)
 * @param rollback   recorded as a rollback (a digest that stood there before), through the same gates
 * @param approverAuthenticated the approver is a user the front end authenticated (Jenkins' approval page), not a name
 *                   someone stated (the command line's {@code --approver}); the record says which
 */
public record PromoteRequest(String image, String environment, String approver, String waiveTests,
                             List<AdvisoryWaiver> advisoryWaivers, boolean rollback, boolean approverAuthenticated)
        implements Serializable {
    public PromoteRequest {
        advisoryWaivers = advisoryWaivers == null ? List.of() : List.copyOf(advisoryWaivers);
    }

    public PromoteRequest(String image, String environment, String approver, String waiveTests, List<AdvisoryWaiver> advisoryWaivers,
                          boolean rollback) {
        this(image, environment, approver, waiveTests, advisoryWaivers, rollback, false);
    }

    /** The same request, approved by a user the front end authenticated. */
    public PromoteRequest approvedBy(String authenticatedUser) {
        return new PromoteRequest(image, environment, authenticatedUser, waiveTests, advisoryWaivers, rollback, true);
    }

    /** How the record names the approval: {@code authenticated}, {@code stated}, or null without an approver. */
    public String approval() {
        return approver == null || approver.isBlank() ? null
                : approverAuthenticated ? io.jenkins.plugins.imagelifecycle.model.Placement.AUTHENTICATED
                : io.jenkins.plugins.imagelifecycle.model.Placement.STATED;
    }

    public PromoteRequest(String image, String environment, String approver, String waiveTests, List<AdvisoryWaiver> advisoryWaivers) {
        this(image, environment, approver, waiveTests, advisoryWaivers, false);
    }

    public PromoteRequest(String image, String environment, String approver, String waiveTests) {
        this(image, environment, approver, waiveTests, List.of());
    }
}
