package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our version orders against the real tools as oracles, over thousands of generated pairs: dpkg's own
 * {@code dpkg --compare-versions}, and rpm's {@code rpm.vercmp} (through {@code rpm --eval} and rpm's
 * Lua interpreter). Zero disagreements.
 */
class VersionOrderTest {
    private static final int PAIRS = 2500;

    @TempDir
    Path dir;

    @Test
    void dpkgOrderEqualsDpkgCompareVersions() throws Exception {
        Random random = new Random(20261201);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String a = debian(random);
            // a share of near-identical pairs: the order's corners are in the small differences
            String b = random.nextInt(3) == 0 ? mutate(a, random, "~+.-") : debian(random);
            pairs.add(new String[] {a, b.contains(":") && !b.matches("^\\d+:.*") ? "1" + b : b});
        }
        StringBuilder input = new StringBuilder();
        pairs.forEach(p -> input.append(p[0]).append(' ').append(p[1]).append('\n'));
        Path file = dir.resolve("pairs");
        Files.writeString(file, input);
        String script = "while read a b; do if dpkg --compare-versions \"$a\" lt \"$b\"; then echo -1; "
                + "elif dpkg --compare-versions \"$a\" eq \"$b\"; then echo 0; else echo 1; fi; done < " + file;
        List<String> oracle = run(List.of("bash", "-c", script));
        assertThat(oracle).hasSize(PAIRS);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            int ours = Integer.signum(DpkgVersion.compare(pairs.get(i)[0], pairs.get(i)[1]));
            if (ours != Integer.parseInt(oracle.get(i))) {
                disagreements.add(pairs.get(i)[0] + " vs " + pairs.get(i)[1] + ": ours " + ours + ", dpkg " + oracle.get(i));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void rpmOrderEqualsRpmVercmp() throws Exception {
        Random random = new Random(1201);
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            String a = rpm(random);
            String b = random.nextInt(3) == 0 ? mutate(a, random, "~^._+") : rpm(random);
            pairs.add(new String[] {a, b});
        }
        StringBuilder lua = new StringBuilder("local pairs = {\n");
        for (String[] p : pairs) {
            lua.append("{\"").append(p[0]).append("\",\"").append(p[1]).append("\"},\n");
        }
        lua.append("}\nfor _, p in ipairs(pairs) do io.write(tostring(rpm.vercmp(p[1], p[2])), \"\\n\") end\n");
        Path file = dir.resolve("pairs.lua");
        Files.writeString(file, lua);
        List<String> oracle = run(List.of("rpm", "--eval", "%{lua: dofile('" + file + "')}")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(oracle).hasSize(PAIRS);
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            int ours = Integer.signum(RpmVersion.compare(pairs.get(i)[0], pairs.get(i)[1]));
            if (ours != Integer.signum(Integer.parseInt(oracle.get(i).strip()))) {
                disagreements.add(pairs.get(i)[0] + " vs " + pairs.get(i)[1] + ": ours " + ours + ", rpm " + oracle.get(i));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    /** [epoch:]upstream[-revision], upstream starting with a digit, as dpkg requires. */
    private static String debian(Random r) {
        StringBuilder v = new StringBuilder();
        if (r.nextInt(4) == 0) {
            v.append(r.nextInt(3)).append(':');
        }
        v.append(r.nextInt(12));
        appendParts(v, r, "0123456789abcxyzABZ.+~", r.nextInt(5));
        if (r.nextInt(3) > 0) {
            v.append('-').append(r.nextInt(9));
            appendParts(v, r, "0123456789abdeb.+~", r.nextInt(4));
        }
        return v.toString();
    }

    private static String rpm(Random r) {
        StringBuilder v = new StringBuilder();
        if (r.nextInt(4) == 0) {
            v.append(r.nextInt(3)).append(':');
        }
        v.append(r.nextInt(12));
        appendParts(v, r, "0123456789abcxyzABZ._+~^", r.nextInt(6));
        if (r.nextInt(3) > 0) {
            v.append('-').append(r.nextInt(9));
            appendParts(v, r, "0123456789elfc._~^", r.nextInt(4));
        }
        return v.toString();
    }

    private static void appendParts(StringBuilder v, Random r, String alphabet, int n) {
        for (int i = 0; i < n; i++) {
            int len = 1 + r.nextInt(3);
            for (int k = 0; k < len; k++) {
                v.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
    }

    /** The same version with one character changed, added or removed (never its first digit). */
    private static String mutate(String v, Random r, String specials) {
        StringBuilder s = new StringBuilder(v);
        int at = 1 + r.nextInt(Math.max(1, s.length()));
        String alphabet = "0123456789az" + specials;
        char c = alphabet.charAt(r.nextInt(alphabet.length()));
        switch (r.nextInt(3)) {
            case 0 -> s.insert(Math.min(at, s.length()), c);
            case 1 -> {
                if (at < s.length()) {
                    s.setCharAt(at, c);
                }
            }
            default -> {
                if (at < s.length() && s.length() > 1) {
                    s.deleteCharAt(at);
                }
            }
        }
        String out = s.toString();
        // keep what both tools read as one version: no leading separator, at most one epoch colon at the start
        return out.replaceAll("(?<=.):", ".").replaceAll("-$", "-0").replaceAll("^[^0-9]", "1");
    }

    private static List<String> run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new String(out, StandardCharsets.UTF_8).lines().toList();
    }
}
