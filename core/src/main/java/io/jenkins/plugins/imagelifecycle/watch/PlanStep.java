package io.jenkins.plugins.imagelifecycle.watch;

import io.jenkins.plugins.imagelifecycle.model.Role;
import java.io.Serializable;
import java.util.List;

/**
 * One image to rebuild, with what it was last built from and by whom, so the rebuild can be repeated.
 *
 * @param digest        the image to replace
 * @param ref           its reference (first tag)
 * @param role          blessed, augmented or host: the build order
 * @param reasons       why it is due: {@code base patched: REF now sha256:…}, {@code parent retired: sha256:…}
 * @param parentDigest  the exact digest it was built FROM
 * @param baseRef       the upstream reference under it
 * @param baseDigest    the upstream digest it was built on
 * @param sourceCommit  the application source commit, when known
 * @param builtBy       the actor of its birth event (user, or job and build)
 * @param invocationId  the build URL or CLI run id of its birth event
 */
public record PlanStep(String digest, String ref, Role role, List<String> reasons, String parentDigest, String baseRef,
                       String baseDigest, String sourceCommit, String builtBy, String invocationId) implements Serializable {
    public PlanStep {
        reasons = List.copyOf(reasons);
    }
}
