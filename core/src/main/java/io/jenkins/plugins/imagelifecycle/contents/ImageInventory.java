package io.jenkins.plugins.imagelifecycle.contents;

import java.io.Serializable;
import java.util.List;

/**
 * What an image carries, read from its layers: the OS, the installed packages of every package database
 * found, and every file of the final file system.
 *
 * @param digest the image's manifest digest (for an index: the index's; {@code platformDigest} the one read)
 */
public record ImageInventory(String digest, String platformDigest, OsRelease os, List<InstalledPackage> packages,
                             List<FileEntry> files, List<String> layers) implements Serializable {
    public ImageInventory {
        packages = List.copyOf(packages);
        files = List.copyOf(files);
        layers = List.copyOf(layers);
    }

    public long fileCount() {
        return files.stream().filter(FileEntry::isRegularFile).count();
    }
}
