package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metadata test: environment, labels, ports, volumes, entrypoint, cmd, workdir and user. */
final class MetadataTestRun {
    static final String NAME = "Metadata Test";

    private MetadataTestRun() {
    }

    static TestResult run(ImageConfig config, TestSpec.MetadataTest t) {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Map<String, String> env = environment(config);
        for (TestSpec.KeyValue kv : t.envVars()) {
            check(problems, "env var " + kv.key(), env.get(kv.key()), kv);
        }
        for (TestSpec.KeyValue kv : t.unboundEnvVars()) {
            if (env.containsKey(kv.key())) {
                problems.add("env var " + kv.key() + " is set, expected unbound");
            }
        }
        for (TestSpec.KeyValue kv : t.labels()) {
            check(problems, "label " + kv.key(), config.labels().get(kv.key()), kv);
        }
        // CST compares the spec's entries with the image's port numbers, the protocol dropped: 8080 matches
        // 8080/tcp and 8080/udp, and an entry written 8080/tcp never matches
        List<String> ports = config.exposedPorts().stream().map(p -> p.contains("/") ? p.substring(0, p.indexOf('/')) : p).toList();
        for (String port : t.exposedPorts()) {
            if (!ports.contains(port)) {
                problems.add("port " + port + " is not exposed (exposed: " + ports + (port.contains("/")
                        ? "; CST compares port numbers without the protocol" : "") + ")");
            }
        }
        for (String port : t.unexposedPorts()) {
            if (ports.contains(port)) {
                problems.add("port " + port + " is exposed");
            }
        }
        for (String v : t.volumes()) {
            if (!config.volumes().contains(v)) {
                problems.add("volume " + v + " is not declared (declared: " + config.volumes() + ")");
            }
        }
        for (String v : t.unmountedVolumes()) {
            if (config.volumes().contains(v)) {
                problems.add("volume " + v + " is declared");
            }
        }
        if (t.entrypoint() != null && !t.entrypoint().equals(orEmpty(config.entrypoint()))) {
            problems.add("entrypoint is " + orEmpty(config.entrypoint()) + ", expected " + t.entrypoint());
        }
        if (t.cmd() != null && !t.cmd().equals(orEmpty(config.cmd()))) {
            problems.add("cmd is " + orEmpty(config.cmd()) + ", expected " + t.cmd());
        }
        // an empty workdir or user is not checked, as in CST (its Go strings cannot tell '' from absent)
        if (t.workdir() != null && !t.workdir().isEmpty() && !t.workdir().equals(nullToEmpty(config.workdir()))) {
            problems.add("workdir is '" + nullToEmpty(config.workdir()) + "', expected '" + t.workdir() + "'");
        }
        if (t.user() != null && !t.user().isEmpty() && !t.user().equals(nullToEmpty(config.user()))) {
            problems.add("user is '" + nullToEmpty(config.user()) + "', expected '" + t.user() + "'");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return problems.isEmpty() ? TestResult.pass(NAME, "metadata", ms)
                : TestResult.fail(NAME, "metadata", ms, String.join("; ", problems));
    }

    private static void check(List<String> problems, String what, String actual, TestSpec.KeyValue kv) {
        if (actual == null) {
            problems.add(what + " is not set");
        } else if (kv.isRegex() ? !GoRegex.compile(kv.value()).matcher(actual).find() : !actual.equals(kv.value())) {
            problems.add(what + " is '" + actual + "', expected " + (kv.isRegex() ? "to match '" : "'") + kv.value() + "'");
        }
    }

    /** The image's environment as CST reads it: each entry split at its first '='. */
    static Map<String, String> environment(ImageConfig config) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : config.env()) {
            int eq = e.indexOf('=');
            env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
        return env;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
