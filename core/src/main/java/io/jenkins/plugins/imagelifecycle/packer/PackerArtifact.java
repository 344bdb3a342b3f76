package io.jenkins.plugins.imagelifecycle.packer;

import java.io.Serializable;
import java.util.List;

/**
 * One artifact a Packer build reported.
 *
 * @param build     the build's name ({@code build.source})
 * @param builderId e.g. {@code packer.docker}, {@code packer.file}, or the post-processor's id
 * @param id        the artifact id (an image id, an AMI id, a file path …)
 * @param files     files the artifact consists of
 */
public record PackerArtifact(String build, String builderId, String id, String description, List<String> files)
        implements Serializable {
    public PackerArtifact {
        files = files == null ? List.of() : List.copyOf(files);
    }
}
