package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.Actor;
import java.io.Serializable;
import java.util.UUID;

/**
 * Who and what runs an operation, for events and provenance.
 *
 * @param actor        user, or job and build
 * @param builderId    SLSA builder id: the Jenkins instance URL, or our CLI's id
 * @param invocationId the build URL, or a fresh id for a CLI run
 */
public record BuildContext(String actor, String builderId, String invocationId) implements Serializable {
    public static final String CLI_BUILDER_ID = "https://github.com/jenkinsci/image-lifecycle-plugin/cli";

    public static BuildContext cli() {
        return new BuildContext(Actor.cliUser(), CLI_BUILDER_ID, "urn:uuid:" + UUID.randomUUID());
    }
}
