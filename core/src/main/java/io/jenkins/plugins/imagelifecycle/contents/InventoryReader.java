package io.jenkins.plugins.imagelifecycle.contents;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.registry.Manifest;
import io.jenkins.plugins.imagelifecycle.registry.ManifestContent;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an image's contents straight from its registry, by digest, with no Docker engine: the manifest
 * (an index's linux/amd64 manifest), then each layer streamed and applied in order. Memory holds the
 * file list and the package databases, whatever the image's size.
 */
public final class InventoryReader {
    static final String DPKG_STATUS = "var/lib/dpkg/status";
    static final String DPKG_STATUS_D = "var/lib/dpkg/status.d";
    static final List<String> OS_RELEASE = List.of("etc/os-release", "usr/lib/os-release");
    static final String APK_INSTALLED = "lib/apk/db/installed";
    /** Fedora 36 and later keep rpm's database under /usr/lib/sysimage (with /var/lib/rpm a link to it). */
    static final List<String> RPM_FOLDERS = List.of("usr/lib/sysimage/rpm", "var/lib/rpm");

    private final RegistryClient registry;

    public InventoryReader(RegistryClient registry) {
        this.registry = registry;
    }

    /** @param pinned {@code repository@sha256:…} */
    public ImageInventory read(ImageRef pinned) {
        Digest digest = pinned.digest().orElseThrow(() -> new IllegalArgumentException("a pinned reference is expected"));
        ImageRef repo = pinned.withoutDigest();
        Manifest manifest = registry.getManifest(pinned);
        Manifest platform = ManifestContent.isIndex(manifest) ? registry.getManifest(withDigest(repo, platformOf(manifest))) : manifest;
        JsonNode json = json(platform);
        MergedFileSystem fs = new MergedFileSystem();
        List<String> layers = new ArrayList<>();
        for (JsonNode layer : json.path("layers")) {
            Digest layerDigest = Digest.parse(layer.path("digest").asText());
            layers.add(layerDigest.toString());
            try (InputStream blob = registry.openBlob(repo, layerDigest)) {
                LayerReader.apply(blob, layer.path("mediaType").asText(""), layerDigest, fs,
                        InventoryReader::captured);
            } catch (IOException e) {
                throw new OperationFailedException("Layer " + layerDigest + " of " + pinned + " cannot be read: " + e.getMessage(), e);
            }
        }
        return inventoryOf(digest.toString(), platform.digest().toString(), fs, layers);
    }

    /** What a merged file system holds: its OS and the packages of every package database in it. */
    static ImageInventory inventoryOf(String digest, String platformDigest, MergedFileSystem fs, List<String> layers) {
        OsRelease os = osRelease(fs);
        List<InstalledPackage> packages = new ArrayList<>();
        byte[] status = fs.read(DPKG_STATUS);
        if (status != null) {
            packages.addAll(DpkgDatabase.parse(status, os));
        }
        for (Map.Entry<String, byte[]> e : fs.capturedUnder(DPKG_STATUS_D).entrySet()) {
            packages.addAll(DpkgDatabase.parse(e.getValue(), os));
        }
        byte[] apk = fs.read(APK_INSTALLED);
        if (apk != null) {
            packages.addAll(ApkDatabase.parse(apk, os));
        }
        for (String folder : RPM_FOLDERS) {
            byte[] rpmdb = fs.read(folder + "/" + RpmDatabase.FILE);
            if (rpmdb != null) {
                packages.addAll(RpmDatabase.read(folder + "/" + RpmDatabase.FILE, rpmdb, fs.read(folder + "/" + RpmDatabase.LOG), os));
                break;
            }
        }
        return new ImageInventory(digest, platformDigest, os, packages, fs.entries(), layers);
    }

    /** The files whose bytes the inventory reads: os-release and the package databases. */
    static boolean captured(String path) {
        return OS_RELEASE.contains(path) || path.equals(DPKG_STATUS) || path.equals(APK_INSTALLED) || isRpmDatabase(path)
                || (path.startsWith(DPKG_STATUS_D + "/") && path.indexOf('/', DPKG_STATUS_D.length() + 1) < 0);
    }

    private static boolean isRpmDatabase(String path) {
        for (String folder : RPM_FOLDERS) {
            if (path.equals(folder + "/" + RpmDatabase.FILE) || path.equals(folder + "/" + RpmDatabase.LOG)) {
                return true;
            }
        }
        return false;
    }

    private static OsRelease osRelease(MergedFileSystem fs) {
        for (String path : OS_RELEASE) {
            byte[] bytes = fs.read(path);
            if (bytes != null) {
                return OsRelease.parse(bytes);
            }
        }
        return OsRelease.UNKNOWN;
    }

    /** linux/amd64 when the index names platforms, else its first image manifest. */
    private static Digest platformOf(Manifest index) {
        JsonNode first = null;
        for (JsonNode m : json(index).path("manifests")) {
            if ("attestation-manifest".equals(m.path("annotations").path("vnd.docker.reference.type").asText())) {
                continue;
            }
            if (first == null) {
                first = m;
            }
            JsonNode p = m.path("platform");
            if ("linux".equals(p.path("os").asText()) && "amd64".equals(p.path("architecture").asText())) {
                return Digest.parse(m.path("digest").asText());
            }
        }
        if (first == null) {
            throw new OperationFailedException("Index " + index.digest() + " lists no image manifest");
        }
        return Digest.parse(first.path("digest").asText());
    }

    private static ImageRef withDigest(ImageRef repo, Digest digest) {
        return ImageRef.parse(repo.name() + "@" + digest);
    }

    private static JsonNode json(Manifest m) {
        return Json.read(new String(m.bytes(), StandardCharsets.UTF_8));
    }
}
