package io.jenkins.plugins.imagelifecycle.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A root file system made in memory and packed as a tar for {@code docker import}: the way test
 * images are made here, where nothing can be pulled.
 */
public final class RootFs {
    private record Entry(String path, byte[] content, int mode, String linkTarget, boolean dir) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private String dockerfileTail = "";

    /** Busybox from Debian's busybox-static with its applet links, /tmp, /etc and a root user. */
    public static RootFs busybox(String mark) {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new IllegalStateException("/bin/busybox is missing: apt-get install busybox-static (./scripts/test does)");
        }
        RootFs fs = new RootFs().dir("bin").dir("tmp", 01777).dir("etc").dir("root");
        try {
            fs.file("bin/busybox", Files.readAllBytes(busybox), 0755);
            Process list = new ProcessBuilder(busybox.toString(), "--list").start();
            for (String applet : new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    fs.symlink("bin/" + applet, "busybox");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fs.config("ENV PATH=/bin\nCMD [\"/bin/sh\"]")
                .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644)
                .file("etc/group", "root:x:0:\n", 0644)
                .file("etc/upstream-release", "upstream base (" + mark + ")\n", 0644);
    }

    /** No shell and no tools: a distroless-style file system with a few files only. */
    public static RootFs distroless(String mark) {
        return new RootFs().dir("etc").dir("app").dir("tmp", 01777)
                .file("etc/passwd", "nonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n", 0644)
                .file("etc/upstream-release", "distroless (" + mark + ")\n", 0644)
                .file("app/config.yaml", "listen: 8080\n", 0640);
    }

    /** Image config lines after the file system (CMD, ENV, LABEL, USER …). */
    public RootFs config(String dockerfileLines) {
        dockerfileTail += dockerfileLines + "\n";
        return this;
    }

    String dockerfileTail() {
        return dockerfileTail;
    }

    public RootFs dir(String path) {
        return dir(path, 0755);
    }

    public RootFs dir(String path, int mode) {
        entries.add(new Entry(path, null, mode, null, true));
        return this;
    }

    public RootFs file(String path, String content, int mode) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    public RootFs file(String path, byte[] content, int mode) {
        entries.add(new Entry(path, content, mode, null, false));
        return this;
    }

    public RootFs symlink(String path, String target) {
        entries.add(new Entry(path, null, 0777, target, false));
        return this;
    }

    public byte[] toTar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry;
                if (e.dir()) {
                    entry = new TarArchiveEntry(e.path() + "/");
                } else if (e.linkTarget() != null) {
                    entry = new TarArchiveEntry(e.path(), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(e.linkTarget());
                } else {
                    entry = new TarArchiveEntry(e.path());
                    entry.setSize(e.content().length);
                }
                entry.setMode((e.dir() ? 040000 : e.linkTarget() != null ? 0120000 : 0100000) | e.mode());
                tar.putArchiveEntry(entry);
                if (e.content() != null) {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
