package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerFile;
import java.util.Set;

/**
 * File modes as container-structure-test writes and compares them: Go's {@code os.FileMode.String()} of the
 * archive entry ({@code -rwxr-xr-x}, {@code drwxr-xr-x}, {@code dtrwxrwxrwx} for a sticky directory,
 * {@code urwxr-xr-x} for setuid, {@code Lrwxrwxrwx} for a symbolic link, {@code Dcrw-rw-rw-} for a character
 * device): type and special letters first, then nine plain {@code rwx} places.
 */
final class Permissions {
    static final Set<String> EXECUTABLE_BY = Set.of("owner", "group", "other", "any");

    private Permissions() {
    }

    static String of(ContainerFile f) {
        StringBuilder s = new StringBuilder();
        // Go's order of mode letters: d a l T L D p S u g c t ?; of those an archive entry can carry these
        append(s, f.directory(), 'd');
        append(s, f.symlink(), 'L');
        append(s, f.kind() == ContainerFile.Kind.CHAR_DEVICE || f.kind() == ContainerFile.Kind.BLOCK_DEVICE, 'D');
        append(s, f.kind() == ContainerFile.Kind.FIFO, 'p');
        append(s, (f.mode() & 04000) != 0, 'u');
        append(s, (f.mode() & 02000) != 0, 'g');
        append(s, f.kind() == ContainerFile.Kind.CHAR_DEVICE, 'c');
        append(s, (f.mode() & 01000) != 0, 't');
        if (s.isEmpty()) {
            s.append('-');
        }
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((f.mode() & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return s.toString();
    }

    private static void append(StringBuilder s, boolean set, char letter) {
        if (set) {
            s.append(letter);
        }
    }

    /** Whether a value can be a Go FileMode string at all: CST would compare anything, and never match a malformed one. */
    static boolean isGoFileMode(String permissions) {
        return permissions.matches("(-|d?L?D?p?u?g?c?t?)[-r][-w][-x][-r][-w][-x][-r][-w][-x]") && permissions.length() >= 10;
    }

    static boolean executableBy(int mode, String who) {
        return switch (who) {
            case "owner" -> (mode & 0100) != 0;
            case "group" -> (mode & 010) != 0;
            case "other" -> (mode & 01) != 0;
            default -> (mode & 0111) != 0;
        };
    }
}
