package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.io.Serializable;

/**
 * @param image       reference or digest of a catalog image
 * @param environment where it goes
 * @param approver    who approved (required for protected environments), or null
 * @param waiveTests  why the test gate is waived (recorded), or null to require passing tests
 */
public record PromoteRequest(String image, String environment, String approver, String waiveTests) implements Serializable {
}
