package io.jenkins.plugins.imagelifecycle.advisories;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The advisories of files, folders (every {@code .json} below) and zip archives of an OSV export, read in
 * full before anything is stored, so that a bad one changes nothing. A file larger than any advisory
 * ({@value #MAX_BYTES} bytes) is skipped and counted; a zip entry that climbs out ({@code ../}) refuses the
 * archive; the same id twice refuses the import, naming both places.
 */
public final class AdvisorySources {
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** What was read: the advisories, and what was skipped (too large). */
    public record Read(List<OsvAdvisory> advisories, List<String> skippedTooLarge) {
    }

    private AdvisorySources() {
    }

    public static Read read(List<Path> paths) {
        List<OsvAdvisory> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new BadInputException("Advisory source '" + path + "' does not exist; expected an OSV file, a folder or a zip archive");
            }
            try {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.walk(path)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList()) {
                            file(f, out, skipped, seen);
                        }
                    }
                } else if (path.toString().endsWith(".zip")) {
                    zip(path, out, skipped, seen);
                } else {
                    file(path, out, skipped, seen);
                }
            } catch (IOException e) {
                throw new BadInputException("Advisory source '" + path + "' cannot be read: " + e.getMessage());
            }
        }
        return new Read(out, skipped);
    }

    private static void file(Path f, List<OsvAdvisory> out, List<String> skipped, Map<String, String> seen) throws IOException {
        if (Files.size(f) > MAX_BYTES) {
            skipped.add(f.toString());
            return;
        }
        add(OsvReader.read(Files.readAllBytes(f), f.toString()), f.toString(), out, seen);
    }

    private static void zip(Path archive, List<OsvAdvisory> out, List<String> skipped, Map<String, String> seen) throws IOException {
        requireZip(archive);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (name.startsWith("/") || name.contains("\\") || List.of(name.split("/")).contains("..")) {
                    throw new BadInputException("Zip archive " + archive + " holds entry '" + name
                            + "' that climbs out of it; expected advisory files inside the archive");
                }
                if (entry.isDirectory() || !name.endsWith(".json")) {
                    continue;
                }
                String where = archive + "!" + name;
                byte[] bytes = bounded(zip);
                if (bytes == null) {
                    skipped.add(where);
                    continue;
                }
                add(OsvReader.read(bytes, where), where, out, seen);
            }
        }
    }

    /**
     * A zip archive begins with a local file header (bytes PK 03 04), or with the end record when it is empty (PK 05 06):
     * anything else would read as an archive of nothing, an import of no advisories that reports success.
     */
    private static void requireZip(Path archive) throws IOException {
        byte[] head = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(archive)) {
            read = in.readNBytes(head, 0, head.length);
        }
        boolean zip = read == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6);
        if (!zip) {
            throw new BadInputException("Advisory source '" + archive + "' is not a zip archive; expected an OSV export (.zip), "
                    + "a folder or an OSV JSON file");
        }
    }

    /** An entry's bytes, or null past the limit: a zip's stated sizes are not to be trusted. */
    private static byte[] bounded(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int n;
        while ((n = in.read(buffer)) > 0) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > MAX_BYTES) {
                in.transferTo(OutputStreamNull.INSTANCE);
                return null;
            }
        }
        return bytes.toByteArray();
    }

    private static void add(OsvAdvisory a, String where, List<OsvAdvisory> out, Map<String, String> seen) {
        String before = seen.putIfAbsent(a.id(), where);
        if (before != null) {
            throw new BadInputException("Advisory " + a.id() + " is in both " + before + " and " + where + "; expected each id once");
        }
        out.add(a);
    }

    /** Discards the rest of a skipped entry. */
    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
            // discarded
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // discarded
        }
    }
}
