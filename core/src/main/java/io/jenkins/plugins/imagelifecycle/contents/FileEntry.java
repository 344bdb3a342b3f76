package io.jenkins.plugins.imagelifecycle.contents;

import java.io.Serializable;

/**
 * One entry of an image's final file system.
 *
 * @param path   relative to the root, without a leading slash ({@code etc/os-release})
 * @param type   {@code file}, {@code dir}, {@code symlink}, {@code hardlink} or {@code other}
 * @param size   bytes of a regular file, else 0
 * @param mode   permission bits and set-id/sticky bits, as in the tar header
 * @param sha256 hex digest of a regular file's bytes, else null
 * @param layer  digest of the layer that last wrote it
 * @param link   a link's target, else null
 */
public record FileEntry(String path, String type, long size, int mode, String sha256, String layer, String link) implements Serializable {
    public boolean isRegularFile() {
        return type.equals("file");
    }
}
