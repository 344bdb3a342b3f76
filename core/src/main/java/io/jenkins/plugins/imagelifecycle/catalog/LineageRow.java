package io.jenkins.plugins.imagelifecycle.catalog;

import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import java.time.Instant;

/**
 * The few columns of an image that lineage work needs (cascade, policy, outdated flags, a family's previous
 * version), read without tags or provenance so that a hundred thousand rows stay cheap.
 */
public record LineageRow(String digest, String repository, Role role, String parentDigest, Stage stage,
                         Instant createdAt, String baseRef, String baseDigest) {
}
