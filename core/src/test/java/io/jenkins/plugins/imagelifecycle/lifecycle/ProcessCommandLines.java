package io.jenkins.plugins.imagelifecycle.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What `ps` shows: every process's command line, read from /proc. */
final class ProcessCommandLines {
    private ProcessCommandLines() {
    }

    static boolean anyContains(String text) {
        return !matching(text).isEmpty();
    }

    /** The command lines that contain {@code text}, for a failure message. */
    static java.util.List<String> matching(String text) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).map(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                } catch (IOException gone) {
                    return "";
                }
            }).filter(cmd -> cmd.contains(text) && !cmd.contains("surefire")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }
}
