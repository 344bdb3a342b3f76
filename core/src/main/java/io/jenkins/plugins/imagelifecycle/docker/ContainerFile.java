package io.jenkins.plugins.imagelifecycle.docker;

/**
 * One entry of an image's file system, read from a container's archive (no shell needed).
 *
 * @param mode    the Unix mode bits including the type bits
 * @param content the file's bytes; empty for directories and links
 */
public record ContainerFile(String path, int mode, int uid, int gid, boolean directory, boolean symlink, byte[] content) {
}
