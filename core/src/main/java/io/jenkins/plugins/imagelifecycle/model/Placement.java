package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.time.Instant;

/**
 * An image placed in an environment: where its copy is, who put it there, who approved, and what
 * stood there before (so a rollback is a promotion of {@code previous}).
 *
 * @param family      the image family: the repository the image was first pushed to
 * @param waivedTests the reason tests were waived, or null when they had passed
 */
public record Placement(long id, String environment, String family, String digest, String targetRef, Instant placedAt,
                        String actor, String approver, String previous, String waivedTests) implements Serializable {
}
