package io.jenkins.plugins.imagelifecycle.docker;

/**
 * One entry of an image's file system, read from a container's archive (no shell needed).
 *
 * @param path       the path asked for, or the entry's name inside the archive when a folder was read
 * @param mode       the Unix permission bits with setuid, setgid and sticky (no type bits: see {@code kind})
 * @param linkTarget a symbolic link's target as written in the link, else null
 * @param content    the file's bytes; empty for directories, links and entries whose content was not asked for
 */
public record ContainerFile(String path, int mode, int uid, int gid, Kind kind, String linkTarget, byte[] content) {

    /** The entry types a container's archive holds. */
    public enum Kind { FILE, DIRECTORY, SYMLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO }

    public boolean directory() {
        return kind == Kind.DIRECTORY;
    }

    public boolean symlink() {
        return kind == Kind.SYMLINK;
    }
}
