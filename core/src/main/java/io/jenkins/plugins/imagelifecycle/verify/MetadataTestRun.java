package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ImageConfig;
import java.util.ArrayList;
import java.util.List;

/** The metadata test: environment, labels, ports, volumes, entrypoint, cmd, workdir and user. */
final class MetadataTestRun {
    static final String NAME = "Metadata Test";

    private MetadataTestRun() {
    }

    static TestResult run(ImageConfig config, TestSpec.MetadataTest t) {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        for (TestSpec.KeyValue kv : t.envVars()) {
            String actual = config.env().stream().filter(e -> e.startsWith(kv.key() + "="))
                    .map(e -> e.substring(kv.key().length() + 1)).findFirst().orElse(null);
            check(problems, "env var " + kv.key(), actual, kv);
        }
        for (TestSpec.KeyValue kv : t.labels()) {
            check(problems, "label " + kv.key(), config.labels().get(kv.key()), kv);
        }
        for (String port : t.exposedPorts()) {
            if (!config.exposedPorts().contains(normalisePort(port))) {
                problems.add("port " + port + " is not exposed (exposed: " + config.exposedPorts() + ")");
            }
        }
        for (String port : t.unexposedPorts()) {
            if (config.exposedPorts().contains(normalisePort(port))) {
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
        if (t.workdir() != null && !t.workdir().equals(nullToEmpty(config.workdir()))) {
            problems.add("workdir is '" + nullToEmpty(config.workdir()) + "', expected '" + t.workdir() + "'");
        }
        if (t.user() != null && !t.user().equals(nullToEmpty(config.user()))) {
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

    private static String normalisePort(String port) {
        return port.contains("/") ? port : port + "/tcp";
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
