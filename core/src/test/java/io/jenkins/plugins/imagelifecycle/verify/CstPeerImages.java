package io.jenkins.plugins.imagelifecycle.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.imagelifecycle.docker.BuildSpec;
import io.jenkins.plugins.imagelifecycle.testing.DebianArchive;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The images container-structure-test's own specs were written for, made here where nothing can be pulled:
 * a Debian minbase root from debootstrap (with libcap2-bin, which CST's Dockerfile.cap installs), with what the
 * Hub's images carry where a spec relies on it, and the images CST's tests/Dockerfile.* derive from it. The
 * root is trimmed (package cache, apt lists, locales, manual pages emptied, as the Hub's images are) because
 * the engine here copies an image's whole file system for every container (vfs).
 */
final class CstPeerImages implements AutoCloseable {
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    final String debian;
    final String ubuntu;
    final String unprivileged;
    final String metadata;
    private final List<String> tags = new ArrayList<>();
    private final String prefix = "cst-peer-" + UUID.randomUUID().toString().substring(0, 8);

    CstPeerImages(Path dir) throws Exception {
        Path root = dir.resolve("root");
        String[] archive = DebianArchive.ofThisMachine();
        run(List.of("debootstrap", "--variant=minbase", "--include=libcap2-bin", archive[1], root.toString(), archive[0]), 10);
        // debootstrap can leave the root's /proc mounted here; an image must not carry the host's processes
        if (new ProcessBuilder("mountpoint", "-q", root.resolve("proc").toString()).start().waitFor() == 0) {
            run(List.of("umount", root.resolve("proc").toString()), 1);
        }
        trimAndComplete(root);
        Path base = Files.createDirectories(dir.resolve("debian"));
        run(List.of("tar", "-C", root.toString(), "--numeric-owner", "-cf", base.resolve("rootfs.tar").toString(), "."), 5);
        debian = build(base, "debian", "FROM scratch\nADD rootfs.tar /\nENV PATH=" + PATH + "\nCMD [\"bash\"]\n");
        // Docker Hub's ubuntu:22.04 where the ubuntu specs look: its sources.list and ubuntu-keyring's copyright
        Path ubuntuContext = Files.createDirectories(dir.resolve("ubuntu"));
        write(ubuntuContext.resolve("overlay/etc/apt/sources.list"), "deb http://archive.ubuntu.com/ubuntu/ jammy main restricted\n");
        write(ubuntuContext.resolve("overlay/usr/share/doc/ubuntu-keyring/copyright"),
                "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
                + "Upstream-Name: ubuntu-keyring\n\nFiles: *\nCopyright: 2004-2021 Canonical Ltd.\nLicense: GPL-2+\n");
        ubuntu = build(ubuntuContext, "ubuntu", "FROM " + debian + "\nCOPY overlay/ /\n");
        // CST's Dockerfile.unprivileged: user 1001 (made in the root with useradd). Built on the Debian image, not the
        // Ubuntu stand-in: its spec runs apt-get update, which needs an archive whose key the image holds
        unprivileged = build(Files.createDirectories(dir.resolve("unprivileged")), "unprivileged", "FROM " + debian + "\nUSER 1001\n");
        // CST's Dockerfile.metadata, line for line
        metadata = build(Files.createDirectories(dir.resolve("metadata")), "metadata", "FROM " + ubuntu + "\n"
                + "ENV SOME_KEY=\"SOME_VAL\" \\\n    EMPTY_VAR=\"\" \\\n    FOO_BAR=\"FOO\\:BAR=BAZ\" \\\n    REGEX_VAR=\"test-2.1.8\"\n"
                + "LABEL localnet.localdomain.commit_hash=\"0123456789abcdef0123456789abcdef01234567\" \\\n"
                + "      localnet.my-domain.my-label=\"my test label\" \\\n      label-with-empty-val=\"\"\n");
    }

    private static void trimAndComplete(Path root) throws Exception {
        for (String emptied : List.of("var/cache/apt/archives/*.deb", "var/lib/apt/lists/*", "usr/share/locale/*", "usr/share/man/*")) {
            run(List.of("sh", "-c", "rm -rf " + root + "/" + emptied), 1);
        }
        // minbase's perl folder holds no copyright file (perl-base's is beside it), so CST's own Debian license check
        // fails on a plain debootstrap root; the Hub's images CST's specs passed on did not have it
        run(List.of("rm", "-rf", root.resolve("usr/share/doc/perl").toString()), 1);
        // what the Hub's Debian and Ubuntu images carry and the specs look for
        write(root.resolve("etc/apt/apt.conf.d/docker-autoremove-suggests"), "Apt::AutoRemove::SuggestsImportant \"false\";\n");
        write(root.resolve("etc/machine-id"), "");
        write(root.resolve("etc/apt/sources.list"), "deb http://deb.debian.org/debian bookworm main\n");
        run(List.of("chroot", root.toString(), "useradd", "--create-home", "--uid", "1001", "nonroot"), 1);
    }

    private String build(Path context, String name, String dockerfile) throws Exception {
        String tag = prefix + "/" + name + ":1";
        Files.writeString(context.resolve("Dockerfile"), dockerfile);
        RealDocker.engine().build(new BuildSpec(context, context.resolve("Dockerfile"), Map.of(), Map.of(), List.of(tag)), RealDocker.quiet());
        tags.add(0, tag);
        return tag;
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void run(List<String> command, int minutes) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(minutes, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + new String(out, StandardCharsets.UTF_8)).isZero();
    }

    /** Removes the images made here, newest first (each depends on the one before). */
    @Override
    public void close() {
        for (String tag : tags) {
            try {
                RealDocker.client().removeImageCmd(tag).withForce(true).exec();
            } catch (RuntimeException e) {
                // gone already
            }
        }
    }
}
