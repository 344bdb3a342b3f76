package io.jenkins.plugins.imagelifecycle.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names the processes that hold locks on an embedded catalog, for the message of a writer that waited
 * too long. SQLite does not say who holds its locks; on Linux the kernel does, in /proc/locks.
 */
final class CatalogHolders {
    private CatalogHolders() {
    }

    static String describe(Path database) {
        Set<Long> pids = new LinkedHashSet<>();
        for (Path file : new Path[] {database, Path.of(database + "-shm"), Path.of(database + "-wal")}) {
            pids.addAll(holdersOf(file));
        }
        pids.remove(ProcessHandle.current().pid());
        if (pids.isEmpty()) {
            return "another process";
        }
        return pids.stream().map(CatalogHolders::process).collect(Collectors.joining(", "));
    }

    private static Set<Long> holdersOf(Path file) {
        Set<Long> pids = new LinkedHashSet<>();
        try {
            Object key = Files.readAttributes(file, "unix:ino").get("ino");
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                // "1: POSIX  ADVISORY  WRITE 1234 fd:00:5678 120 120"; waiting entries carry "->"
                String[] f = line.trim().split("\\s+");
                // write locks only: every open connection in WAL mode holds a read lock on the shared-memory file for
                // as long as it is open (idle ones kept between transactions too), and only a writer makes a writer wait
                if (f.length >= 6 && !f[1].equals("->") && f[3].equals("WRITE") && f[5].endsWith(":" + key)) {
                    pids.add(Long.parseLong(f[4]));
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no /proc/locks (not Linux) or no such file: nothing to name
        }
        return pids;
    }

    private static String process(long pid) {
        return ProcessHandle.of(pid).map(p -> "pid " + pid + " ("
                + p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?")
                + p.info().startInstant().map(Instant::toString).map(t -> ", started " + t).orElse("") + ")")
                .orElse("pid " + pid);
    }
}
