package io.jenkins.plugins.imagelifecycle.contents;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * An image's file system as its layers leave it, built one layer at a time: entries added, OCI
 * whiteouts ({@code .wh.NAME}, opaque {@code .wh..wh..opq}) removing what lower layers wrote. Holds
 * entries' metadata and digests, and the bytes of the few files the inventory reads (package databases,
 * os-release); never a file's content otherwise.
 */
final class MergedFileSystem implements LayerSink {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    private static final int MAX_LINK_HOPS = 40;

    private final TreeMap<String, FileEntry> entries = new TreeMap<>();
    private final Map<String, Integer> writtenInLayer = new HashMap<>();
    private final Map<String, byte[]> captured = new HashMap<>();
    private int layer = -1;

    @Override
    public void startLayer() {
        layer++;
    }

    /** A whiteout or opaque marker removes lower layers' entries; anything else is added (replacing). */
    @Override
    public void apply(FileEntry entry, byte[] content) {
        String path = entry.path();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
        if (name.equals(OPAQUE)) {
            removeLower(dir, false);
            return;
        }
        if (name.startsWith(WHITEOUT)) {
            removeLower(dir.isEmpty() ? name.substring(WHITEOUT.length()) : dir + "/" + name.substring(WHITEOUT.length()), true);
            return;
        }
        FileEntry replaced = entries.get(path);
        if (replaced != null && replaced.type().equals("dir") && !entry.type().equals("dir")) {
            // a folder replaced by a file or link takes what was under it along
            removeSubtree(path);
        }
        entries.put(path, entry);
        writtenInLayer.put(path, layer);
        if (content != null) {
            captured.put(path, content);
        } else {
            captured.remove(path);
        }
    }

    /** Removes {@code path} itself (when {@code self}) and everything under it that lower layers wrote. */
    private void removeLower(String path, boolean self) {
        List<String> gone = new ArrayList<>();
        if (self && entries.containsKey(path) && writtenInLayer.get(path) < layer) {
            gone.add(path);
        }
        NavigableMap<String, FileEntry> under = path.isEmpty() ? entries : entries.subMap(path + "/", true, path + "0", false);
        for (String p : under.keySet()) {
            if (writtenInLayer.get(p) < layer) {
                gone.add(p);
            }
        }
        gone.forEach(this::forget);
    }

    private void removeSubtree(String path) {
        new ArrayList<>(entries.subMap(path + "/", true, path + "0", false).keySet()).forEach(this::forget);
    }

    private void forget(String p) {
        entries.remove(p);
        writtenInLayer.remove(p);
        captured.remove(p);
    }

    List<FileEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** A file's captured bytes, following symbolic links inside the image (never onto this machine). */
    byte[] read(String path) {
        String p = path;
        for (int hops = 0; hops <= MAX_LINK_HOPS; hops++) {
            FileEntry e = entries.get(p);
            if (e == null) {
                return null;
            }
            if (!e.type().equals("symlink")) {
                return captured.get(p);
            }
            p = resolve(p, e.link());
            if (p == null) {
                return null;
            }
        }
        throw new OperationFailedException("Symbolic link loop at /" + path + " in the image: more than " + MAX_LINK_HOPS + " links");
    }

    /** The captured files directly under {@code dir} (distroless dpkg keeps one file per package there). */
    Map<String, byte[]> capturedUnder(String dir) {
        Map<String, byte[]> out = new TreeMap<>();
        captured.forEach((p, bytes) -> {
            if (p.startsWith(dir + "/") && p.indexOf('/', dir.length() + 1) < 0) {
                out.put(p, bytes);
            }
        });
        return out;
    }

    /** A link target as a path of the image: absolute targets from its root, relative ones from the link's folder. */
    static String resolve(String linkPath, String target) {
        String base = target.startsWith("/") ? "" : (linkPath.contains("/") ? linkPath.substring(0, linkPath.lastIndexOf('/')) : "");
        List<String> parts = new ArrayList<>(base.isEmpty() ? List.of() : List.of(base.split("/")));
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? null : String.join("/", parts);
    }
}
