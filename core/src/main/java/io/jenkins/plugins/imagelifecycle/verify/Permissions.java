package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerFile;

/** Unix modes in the {@code -rwxr-xr-x} form that container-structure-test specs use. */
final class Permissions {
    private Permissions() {
    }

    static String of(ContainerFile f) {
        char type = f.directory() ? 'd' : f.symlink() ? 'l' : '-';
        return type + rwx(f.mode());
    }

    /** As ls shows them, with setuid, setgid and sticky bits as s/S and t/T in the execute places. */
    static String rwx(int mode) {
        StringBuilder s = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        special(s, 2, (mode & 04000) != 0, 's');
        special(s, 5, (mode & 02000) != 0, 's');
        special(s, 8, (mode & 01000) != 0, 't');
        return s.toString();
    }

    private static void special(StringBuilder s, int index, boolean set, char letter) {
        if (set) {
            s.setCharAt(index, s.charAt(index) == 'x' ? letter : Character.toUpperCase(letter));
        }
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
