package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bad invocations of the sweep, command by command, and the files they name. Each probe carries a word its one
 * line must hold: the bad value itself, or the option that carries it.
 */
final class BadInputProbes {
    /** A registry nobody listens on: no probe may get as far as talking to it. */
    static final String IMAGE = "127.0.0.1:5999/apps/sweep:1";
    static final String UNKNOWN = "127.0.0.1:5999/apps/unknown:1";
    static final String SHORT_DIGEST = "sha256:12ab";
    static final String UNKNOWN_DIGEST = "sha256:" + "0".repeat(64);

    /** One bad invocation, and a word its one line must contain. */
    record Probe(String names, String... args) {
        /** As docs/reliability.md lists it: the test's own folder shown as {@code …}. */
        String invocation(Path dir) {
            List<String> shown = new ArrayList<>();
            for (String arg : args) {
                String s = arg.replace(dir.toString(), "…");
                shown.add(s.isEmpty() || s.isBlank() || s.contains(" ") ? "'" + s + "'" : s);
            }
            return String.join(" ", shown);
        }
    }

    private final Path dir;
    private final String cat;
    private final String ok;

    BadInputProbes(Path dir, Path catalog) {
        this.dir = dir;
        this.cat = catalog.toString();
        this.ok = file("ok.yaml").toString();
    }

    /** The files the probes name, beside the catalog. */
    static void writeFiles(Path dir) throws IOException {
        Files.writeString(dir.resolve("empty-metadata.yaml"), "schemaVersion: 2.0.0\nmetadataTest: {}\n");
        Files.writeString(dir.resolve("ok.yaml"), "schemaVersion: 2.0.0\nfileExistenceTests:\n  - name: sh\n    path: /bin/sh\n");
        Files.writeString(dir.resolve("a-file"), "not a folder");
        Files.writeString(dir.resolve("factory.pub"), SigningKey.generate().publicKey().pem());
        Files.writeString(dir.resolve("garbage.pub"), "not a key\n");
        Files.writeString(dir.resolve("broken.yaml"), "environments: [dev\n");
        Files.writeString(dir.resolve("unknown-key.yaml"), "environmentz:\n  - name: dev\n");
        Files.writeString(dir.resolve("no-rules.yaml"), "rules: []\n");
        Files.writeString(dir.resolve("broken-osv.json"), "{\"id\": \"OSV-1\", ");
        Files.writeString(dir.resolve("not-osv.json"), "[1, 2, 3]\n");
        Files.writeString(dir.resolve("not-a-zip.zip"), "not a zip\n");
        Files.writeString(dir.resolve("unknown-report.json"), "{\"scanner\": \"none\"}\n");
        Files.writeString(dir.resolve("t.pkr.hcl"), "source \"file\" \"t\" {\n  content = \"x\"\n  target = \"t.txt\"\n}\n"
                + "build {\n  sources = [\"source.file.t\"]\n}\n");
        Files.writeString(dir.resolve("pass"), "sweep passphrase\n");
        Files.writeString(dir.resolve("no-keys.yaml"), "registries: []\n");
        Files.writeString(dir.resolve("verifying.yaml"), "environments:\n  - name: dev\n    verify:\n      command: [\"true\"]\n");
        Files.writeString(dir.resolve("empty-trivy.json"), "{\"SchemaVersion\": 2, \"Results\": []}\n");
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    List<Probe> all() {
        return Stream.of(catalogLocation(), builds(), hostBuilds(), tests(), promotions(), endOfLife(), readers(), contents(), signing(),
                watchAndServe()).flatMap(List::stream).toList();
    }

    private List<Probe> catalogLocation() {
        return List.of(
                new Probe("--catalog", "status", "--catalog", ""),
                new Probe("--catalog", "status", "--catalog", "   "),
                new Probe("is a file", "status", "--catalog", file("a-file").toString()),
                new Probe("cannot be created", "status", "--catalog", file("a-file").resolve("sub").toString()),
                new Probe("--no-such-option", "status", "--catalog", cat, "--no-such-option"),
                new Probe("is a file", "catalog", "check", "--catalog", file("a-file").toString()),
                new Probe("jdbc:nosuch:x", "catalog", "check", "--catalog", "jdbc:nosuch:x"),
                new Probe("frobnicate", "frobnicate", "--catalog", cat),
                new Probe("catalog", "catalog"));
    }

    private List<Probe> builds() {
        return List.of(
                new Probe("--base", "bless", "--catalog", cat, "--base", "", "--dockerfile", "d", "--context", ".", "--target", IMAGE),
                new Probe("--target", "bless", "--catalog", cat, "--base", IMAGE, "--dockerfile", "d", "--context", ".", "--target", " "),
                new Probe("--from", "augment", "--catalog", cat, "--from", "", "--dockerfile", "d", "--context", ".", "--target", IMAGE),
                new Probe("'Upstream'", "bless", "--catalog", cat, "--workspace", dir.toString(), "--base", "127.0.0.1:5999/Upstream/base:1",
                        "--dockerfile", "d", "--target", IMAGE),
                new Probe(SHORT_DIGEST, "bless", "--catalog", cat, "--workspace", dir.toString(), "--base",
                        "127.0.0.1:5999/upstream/base@" + SHORT_DIGEST, "--dockerfile", "d", "--target", IMAGE),
                new Probe("names a digest", "bless", "--catalog", cat, "--workspace", dir.toString(), "--base",
                        "127.0.0.1:5999/upstream/base:1", "--dockerfile", "d", "--target", "127.0.0.1:5999/blessed/x@" + UNKNOWN_DIGEST),
                new Probe("no/Dockerfile", "bless", "--catalog", cat, "--workspace", dir.toString(), "--base", "127.0.0.1:5999/upstream/base:1",
                        "--dockerfile", "no/Dockerfile", "--target", IMAGE),
                new Probe("NOEQUALS", "bless", "--catalog", cat, "--base", "127.0.0.1:5999/upstream/base:1", "--dockerfile", "d",
                        "--target", IMAGE, "--build-arg", "NOEQUALS"),
                new Probe("parallelism 0", "bless", "--catalog", cat, "--workspace", dir.toString(), "--base",
                        "127.0.0.1:5999/upstream/base:1", "--dockerfile", "d", "--target", IMAGE, "--test-parallelism", "0"),
                new Probe("/no/such/workspace", "bless", "--catalog", cat, "--workspace", "/no/such/workspace", "--base",
                        "127.0.0.1:5999/upstream/base:1", "--dockerfile", "d", "--target", IMAGE),
                new Probe("../outside", "bless", "--catalog", cat, "--workspace", dir.toString(), "--base",
                        "127.0.0.1:5999/upstream/base:1", "--dockerfile", "../outside/Dockerfile", "--target", IMAGE),
                new Probe(UNKNOWN_DIGEST, "augment", "--catalog", cat, "--workspace", dir.toString(), "--from", UNKNOWN_DIGEST,
                        "--dockerfile", "d", "--target", IMAGE),
                new Probe("missing.yaml", "promote", "--catalog", cat, "--image", IMAGE, "--to", "dev",
                        "--config", file("missing.yaml").toString()),
                new Probe("line 1", "bless", "--catalog", cat, "--config", file("broken.yaml").toString(), "--base",
                        "127.0.0.1:5999/upstream/base:1", "--dockerfile", "d", "--target", IMAGE));
    }

    private List<Probe> hostBuilds() {
        String ws = dir.toString();
        return List.of(
                new Probe("0 minutes", "build-host", "--catalog", cat, "--workspace", ws, "--template", "t.pkr.hcl", "--timeout", "0"),
                new Probe("-3", "build-host", "--catalog", cat, "--workspace", ws, "--template", "t.pkr.hcl", "--timeout", "-3"),
                new Probe("soon", "build-host", "--catalog", cat, "--workspace", ws, "--template", "t.pkr.hcl", "--timeout", "soon"),
                new Probe("missing.pkr.hcl", "build-host", "--catalog", cat, "--workspace", ws, "--template", "missing.pkr.hcl"),
                new Probe("NOEQUALS", "build-host", "--catalog", cat, "--workspace", ws, "--template", "t.pkr.hcl", "--var", "NOEQUALS"),
                new Probe("SWEEP_UNSET_VARIABLE", "build-host", "--catalog", cat, "--workspace", ws, "--template", "t.pkr.hcl",
                        "--sensitive-var-env", "token=SWEEP_UNSET_VARIABLE"),
                new Probe("missing.pkrvars.hcl", "build-host", "--catalog", cat, "--workspace", ws, "--template", "t.pkr.hcl",
                        "--var-file", "missing.pkrvars.hcl"),
                new Probe("/no/such/packer", "build-host", "--catalog", cat, "--workspace", ws, "--template", "t.pkr.hcl",
                        "--packer", "/no/such/packer"),
                new Probe("not a url", "build-host", "--catalog", cat, "--workspace", ws, "--template", "t.pkr.hcl", "--tests", "ok.yaml",
                        "--docker-host", "not a url"));
    }

    private List<Probe> tests() {
        return List.of(
                new Probe("/missing/dir/r.xml", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--junit", "/missing/dir/r.xml"),
                new Probe("-5", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--test-timeout", "-5"),
                new Probe("parallelism 0", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--test-parallelism", "0"),
                new Probe("many", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--test-parallelism", "many"),
                new Probe("99999999999", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--test-parallelism", "99999999999"),
                new Probe("holds no tests", "test", "--catalog", cat, "--image", IMAGE, "--tests", file("empty-metadata.yaml").toString()),
                // a spec that does not validate is one failing result of the run, as in CST (CstBehaviourIT); one that
                // cannot be read at all is bad input
                new Probe("missing-spec.yaml", "test", "--catalog", cat, "--image", IMAGE, "--tests", file("missing-spec.yaml").toString()),
                new Probe("not a Docker engine address", "test", "--catalog", cat, "--image", IMAGE, "--tests", ok,
                        "--docker-host", "not a url"),
                new Probe("apps/unknown", "test", "--catalog", cat, "--image", UNKNOWN, "--tests", ok),
                new Probe(SHORT_DIGEST, "test", "--catalog", cat, "--image", SHORT_DIGEST, "--tests", ok),
                new Probe(dir.toString(), "test", "--catalog", cat, "--image", IMAGE, "--tests", ok, "--junit", dir.toString()));
    }

    private List<Probe> promotions() {
        return List.of(
                new Probe("apps/unknown", "promote", "--catalog", cat, "--image", UNKNOWN, "--to", "dev"),
                new Probe("nowhere", "promote", "--catalog", cat, "--image", IMAGE, "--to", "nowhere"),
                new Probe("--config", "promote", "--catalog", cat, "--image", IMAGE, "--to", "dev", "--config", ""),
                new Probe(SHORT_DIGEST, "promote", "--catalog", cat, "--image", SHORT_DIGEST, "--to", "dev"),
                new Probe("soon", "promote", "--catalog", cat, "--image", IMAGE, "--to", "dev", "--waive-advisory", "CVE-2026-1",
                        "--reason", "not reachable", "--until", "soon"),
                new Probe("--reason", "promote", "--catalog", cat, "--image", IMAGE, "--to", "dev", "--waive-advisory", "CVE-2026-1"),
                new Probe("environmentz", "promote", "--catalog", cat, "--image", IMAGE, "--to", "dev",
                        "--config", file("unknown-key.yaml").toString()),
                new Probe("nowhere", "rollback", "--catalog", cat, "--env", "nowhere"),
                new Probe(SHORT_DIGEST, "rollback", "--catalog", cat, "--env", "dev", "--to", SHORT_DIGEST),
                new Probe("apps/unknown", "rollback", "--catalog", cat, "--env", "dev", "--image", UNKNOWN),
                new Probe("nowhere", "reverify", "--catalog", cat, "--env", "nowhere"),
                new Probe("no verify settings", "reverify", "--catalog", cat, "--env", "dev"),
                new Probe("apps/unknown", "reverify", "--catalog", cat, "--env", "dev", "--image", UNKNOWN,
                        "--config", file("verifying.yaml").toString()),
                new Probe("nowhere", "check", "--catalog", cat, "--image", IMAGE, "--env", "nowhere"),
                new Probe(SHORT_DIGEST, "check", "--catalog", cat, "--image", "127.0.0.1:5999/apps/sweep@" + SHORT_DIGEST, "--env", "dev"));
    }

    private List<Probe> endOfLife() {
        return List.of(
                new Probe("+999999999-12-31", "deprecate", "--catalog", cat, "--image", IMAGE, "--eol", "+999999999-12-31", "--reason", "far"),
                new Probe("not-a-date", "deprecate", "--catalog", cat, "--image", IMAGE, "--eol", "not-a-date", "--reason", "x"),
                new Probe("2001-01-01", "deprecate", "--catalog", cat, "--image", IMAGE, "--eol", "2001-01-01", "--reason", "past"),
                new Probe("2027-02-30", "deprecate", "--catalog", cat, "--image", IMAGE, "--eol", "2027-02-30", "--reason", "no such day"),
                new Probe("apps/unknown", "deprecate", "--catalog", cat, "--image", UNKNOWN, "--eol", "2030-01-01", "--reason", "x"),
                new Probe("apps/unknown", "retire", "--catalog", cat, "--image", UNKNOWN, "--reason", "x"),
                new Probe("--policy", "retire", "--catalog", cat, "--policy", ""),
                new Probe("needs a reason", "retire", "--catalog", cat, "--image", IMAGE),
                new Probe("--policy", "retire", "--catalog", cat, "--image", IMAGE, "--reason", "x", "--policy", file("no-rules.yaml").toString()),
                new Probe("--dry-run", "retire", "--catalog", cat, "--image", IMAGE, "--reason", "x", "--dry-run"),
                new Probe("no-rules.yaml", "retire", "--catalog", cat, "--policy", file("no-rules.yaml").toString(), "--dry-run"),
                new Probe("missing-policy.yaml", "retire", "--catalog", cat, "--policy", file("missing-policy.yaml").toString()));
    }

    private List<Probe> readers() {
        return List.of(
                new Probe("apps/unknown", "history", "--catalog", cat, "--image", UNKNOWN),
                new Probe("--image", "history", "--catalog", cat),
                new Probe("nowhere", "history", "--catalog", cat, "--env", "nowhere"),
                new Probe("apps/unknown", "lineage", "--catalog", cat, "--image", UNKNOWN),
                new Probe(SHORT_DIGEST, "lineage", "--catalog", cat, "--image", "127.0.0.1:5999/apps/sweep@" + SHORT_DIGEST),
                new Probe("--advisories", "plan", "--catalog", cat),
                new Probe("/missing/folder/view.html", "report", "--catalog", cat, "--out", "/missing/folder/view.html"),
                new Probe(dir.toString(), "report", "--catalog", cat, "--out", dir.toString()),
                new Probe("extreme", "findings", "--catalog", cat, "--severity", "extreme"),
                new Probe("apps/unknown", "findings", "--catalog", cat, "--image", UNKNOWN));
    }

    private List<Probe> contents() {
        return List.of(
                new Probe("apps/unknown", "contents", "--catalog", cat, "--image", UNKNOWN),
                new Probe("xml", "sbom", "--catalog", cat, "--image", IMAGE, "--format", "xml"),
                new Probe("apps/unknown", "sbom", "--catalog", cat, "--image", UNKNOWN),
                new Probe("apps/unknown", "release-notes", "--catalog", cat, "--image", IMAGE, "--since", UNKNOWN),
                new Probe("/no/such/source", "release-notes", "--catalog", cat, "--image", IMAGE, "--source", "/no/such/source"),
                new Probe("missing-osv.json", "advisories", "import", "--catalog", cat, file("missing-osv.json").toString()),
                new Probe("broken-osv.json", "advisories", "import", "--catalog", cat, file("broken-osv.json").toString()),
                new Probe("not-osv.json", "advisories", "import", "--catalog", cat, file("not-osv.json").toString()),
                new Probe("not-a-zip.zip", "advisories", "import", "--catalog", cat, file("not-a-zip.zip").toString()),
                new Probe("missing-report.json", "findings", "import", "--catalog", cat, "--image", IMAGE, file("missing-report.json").toString()),
                new Probe("unknown-report.json", "findings", "import", "--catalog", cat, "--image", IMAGE,
                        file("unknown-report.json").toString()),
                new Probe("apps/unknown", "findings", "import", "--catalog", cat, "--image", UNKNOWN, file("empty-trivy.json").toString()));
    }

    private List<Probe> signing() {
        String key = file("factory.pub").toString();
        return List.of(
                new Probe("missing.pub", "verify", "--image", IMAGE, "--key", file("missing.pub").toString()),
                new Probe("garbage.pub", "verify", "--image", IMAGE, "--key", file("garbage.pub").toString()),
                new Probe("'Bad Ref'", "verify", "--image", "Bad Ref", "--key", key),
                new Probe(SHORT_DIGEST, "verify", "--image", "127.0.0.1:5999/apps/sweep@" + SHORT_DIGEST, "--key", key),
                new Probe("No trusted key", "verify", "--image", IMAGE, "--config", file("no-keys.yaml").toString()),
                new Probe("'Bad Ref'", "attestations", "--image", "Bad Ref"),
                new Probe(SHORT_DIGEST, "attestations", "--image", "127.0.0.1:5999/apps/sweep@" + SHORT_DIGEST),
                new Probe("missing-pass", "keys", "generate", "--output-prefix", file("k1").toString(),
                        "--passphrase-file", file("missing-pass").toString()),
                new Probe("SWEEP_UNSET_VARIABLE", "keys", "generate", "--output-prefix", file("k2").toString(),
                        "--passphrase-env", "SWEEP_UNSET_VARIABLE"),
                new Probe("/no/such/folder/factory", "keys", "generate", "--output-prefix", "/no/such/folder/factory",
                        "--passphrase-file", file("pass").toString()),
                new Probe("--output-prefix", "keys", "generate", "--passphrase-file", file("pass").toString()));
    }

    private List<Probe> watchAndServe() {
        return List.of(
                new Probe("70000", "serve", "--catalog", cat, "--port", "70000"),
                new Probe("-1", "serve", "--catalog", cat, "--port", "-1"),
                new Probe("http", "serve", "--catalog", cat, "--port", "http"),
                new Probe("6h", "watch", "--catalog", cat, "--once", "--quiet-period", "6h"),
                new Probe("Concurrency 0", "watch", "--catalog", cat, "--once", "--concurrency", "0"),
                new Probe("--once", "watch", "--catalog", cat),
                new Probe("--listen", "watch", "--catalog", cat, "--once", "--listen", "127.0.0.1:8090"),
                new Probe("SWEEP_UNSET_VARIABLE", "watch", "--catalog", cat, "--listen", "127.0.0.1:0", "--secret-env", "SWEEP_UNSET_VARIABLE"),
                new Probe("127.0.0.1:70000", "watch", "--catalog", cat, "--listen", "127.0.0.1:70000", "--secret-env", "PATH"),
                new Probe("127.0.0.1", "watch", "--catalog", cat, "--listen", "127.0.0.1", "--secret-env", "PATH"),
                new Probe("16 characters", "watch", "--catalog", cat, "--listen", "127.0.0.1:0", "--secret-env", "HOME"));
    }
}
