package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import java.io.Serializable;

/**
 * The pinned image a build goes FROM, with the upstream base it descends from.
 *
 * @param name       {@code registry/repository}
 * @param digest     the exact manifest digest to build on
 * @param shownAs    the reference a person gave (a tag), for the base.name label
 * @param baseRef    the upstream base reference at the root of the lineage
 * @param baseDigest what that base reference resolved to
 */
public record ParentImage(String name, Digest digest, String shownAs, String baseRef, String baseDigest)
        implements Serializable {

    public String pinned() {
        return name + "@" + digest;
    }
}
