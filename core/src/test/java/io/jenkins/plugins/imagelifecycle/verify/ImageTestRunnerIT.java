package io.jenkins.plugins.imagelifecycle.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import io.jenkins.plugins.imagelifecycle.docker.DockerContainers;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.testing.RealDocker;
import io.jenkins.plugins.imagelifecycle.testing.RootFs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The container-structure-test runner against real images on the real engine. */
@Tag("integration")
class ImageTestRunnerIT {
    private static String busybox;
    private static String distroless;

    @TempDir
    Path dir;

    @BeforeAll
    static void images() {
        String host = RealDocker.registry().host();
        busybox = RealDocker.importAndPush(RootFs.busybox("runner").config(String.join("\n",
                "ENV GREETING=hello", "LABEL org.opencontainers.image.title=app", "EXPOSE 8080", "VOLUME /data",
                "WORKDIR /tmp")), ImageRef.parse(host + "/verify/busybox:1"), null).toString();
        distroless = RealDocker.importAndPush(RootFs.distroless("runner").config(String.join("\n",
                "USER 65532", "ENTRYPOINT [\"/app/server\"]")), ImageRef.parse(host + "/verify/distroless:1"), null).toString();
    }

    private TestReport run(String image, String yaml, Duration timeout) throws Exception {
        Path file = dir.resolve("spec-" + System.nanoTime() + ".yaml");
        Files.writeString(file, yaml);
        return new ImageTestRunner(new DockerContainers(RealDocker.engine()), 4, timeout)
                .run(image, List.of(SpecParser.parse(file)), RealDocker.quiet());
    }

    private static Map<String, TestResult> byName(TestReport report) {
        return report.results().stream().collect(Collectors.toMap(TestResult::name, Function.identity()));
    }

    /** Test containers of this test's images only (their registry's port is this run's): another build's are not ours. */
    private static List<Container> testContainers() {
        String host = RealDocker.registry().host();
        return RealDocker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("io.jenkins.image-lifecycle.test", "true")).exec().stream()
                .filter(c -> c.getImage() != null && c.getImage().startsWith(host + "/")).toList();
    }

    @Test
    void commandTestsPassAndFailOnOutputErrorAndExitCode() throws Exception {
        TestReport report = run(busybox, """
                schemaVersion: '2.0.0'
                globalEnvVars: [{key: WHO, value: world}]
                commandTests:
                  - name: greets
                    command: sh
                    args: ["-c", "echo hello $WHO; echo warn >&2"]
                    expectedOutput: ['hello (?P<who>w[a-z]+)']
                    excludedOutput: ['goodbye']
                    expectedError: ['warn']
                  - name: wrong output
                    command: echo
                    args: ["nope"]
                    expectedOutput: ['yes']
                  - name: excluded error
                    command: sh
                    args: ["-c", "echo panic >&2"]
                    excludedError: ['panic']
                  - name: exit code
                    command: sh
                    args: ["-c", "exit 3"]
                    exitCode: 3
                  - name: wrong exit code
                    command: "false"
                  - name: setup is committed
                    setup: [["touch", "/tmp/made-by-setup"]]
                    command: ls
                    args: ["/tmp/made-by-setup"]
                    envVars: [{key: X, value: y}]
                """, Duration.ofSeconds(30));
        Map<String, TestResult> r = byName(report);
        assertThat(r.get("Command Test: greets").passed()).as(r.get("Command Test: greets").message()).isTrue();
        assertThat(r.get("Command Test: exit code").passed()).isTrue();
        assertThat(r.get("Command Test: setup is committed").passed()).as(r.get("Command Test: setup is committed").message()).isTrue();
        assertThat(r.get("Command Test: wrong output").message()).contains("does not match 'yes'").contains("nope");
        assertThat(r.get("Command Test: excluded error").message()).contains("matches excluded 'panic'");
        assertThat(r.get("Command Test: wrong exit code").message()).contains("exit code 1, expected 0");
        assertThat(report.passed()).isFalse();
        assertThat(report.summary()).isEqualTo("3 passed, 3 failed");
        assertThat(testContainers()).isEmpty();
    }

    @Test
    void aHangingCommandTimesOutAndLeavesNoContainer() throws Exception {
        long start = System.nanoTime();
        TestReport report = run(busybox, """
                schemaVersion: '2.0.0'
                commandTests:
                  - name: hangs
                    command: sleep
                    args: ["600"]
                """, Duration.ofSeconds(2));
        assertThat(report.results().get(0).passed()).isFalse();
        assertThat(report.results().get(0).message()).contains("timed out after 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        assertThat(testContainers()).isEmpty();
    }

    @Test
    void fileAndMetadataTestsWorkOnAnImageWithoutAShell() throws Exception {
        TestReport report = run(distroless, """
                schemaVersion: '2.0.0'
                fileExistenceTests:
                  - name: config present
                    path: /app/config.yaml
                    permissions: '-rw-r-----'
                    uid: 0
                    gid: 0
                  - name: no shell
                    path: /bin/sh
                    shouldExist: false
                  - name: config not executable
                    path: /app/config.yaml
                    isExecutableBy: any
                  - name: tmp is a directory
                    path: /tmp
                    permissions: 'dtrwxrwxrwx'
                fileContentTests:
                  - name: listens on 8080
                    path: /app/config.yaml
                    expectedContents: ['listen: 80[[:digit:]]+']
                    excludedContents: ['debug']
                  - name: wrong content
                    path: /etc/passwd
                    expectedContents: ['^root:']
                metadataTest:
                  entrypoint: ['/app/server']
                  user: '65532'
                """, Duration.ofSeconds(30));
        Map<String, TestResult> r = byName(report);
        assertThat(r.get("File Existence Test: config present").passed()).as(r.get("File Existence Test: config present").message()).isTrue();
        assertThat(r.get("File Existence Test: no shell").passed()).isTrue();
        assertThat(r.get("File Existence Test: tmp is a directory").passed()).as(r.get("File Existence Test: tmp is a directory").message()).isTrue();
        assertThat(r.get("File Content Test: listens on 8080").passed()).as(r.get("File Content Test: listens on 8080").message()).isTrue();
        assertThat(r.get("Metadata Test").passed()).as(r.get("Metadata Test").message()).isTrue();
        assertThat(r.get("File Existence Test: config not executable").message()).contains("is not executable by any");
        assertThat(r.get("File Content Test: wrong content").message()).contains("/etc/passwd does not match '^root:'");
        assertThat(testContainers()).isEmpty();
    }

    @Test
    void metadataTestNamesEveryMismatch() throws Exception {
        TestReport passing = run(busybox, """
                schemaVersion: '2.0.0'
                metadataTest:
                  envVars: [{key: GREETING, value: 'hel+o', isRegex: true}]
                  labels: [{key: org.opencontainers.image.title, value: app}]
                  exposedPorts: ['8080']
                  unexposedPorts: ['22']
                  volumes: ['/data']
                  cmd: ['/bin/sh']
                  workdir: '/tmp'
                """, Duration.ofSeconds(30));
        assertThat(passing.passed()).as(passing.results().toString()).isTrue();

        TestReport failing = run(busybox, """
                schemaVersion: '2.0.0'
                metadataTest:
                  envVars: [{key: GREETING, value: bye}]
                  labels: [{key: missing.label, value: x}]
                  exposedPorts: ['9090']
                  workdir: '/app'
                """, Duration.ofSeconds(30));
        assertThat(failing.results().get(0).message())
                .contains("env var GREETING is 'hello', expected 'bye'")
                .contains("label missing.label is not set")
                .contains("port 9090 is not exposed")
                .contains("workdir is '/tmp', expected '/app'");
    }

    @Test
    void junitXmlReadsBackWithEveryTestAndFailure() throws Exception {
        TestReport report = run(busybox, """
                schemaVersion: '2.0.0'
                commandTests:
                  - name: ok <&> "quoted"
                    command: "true"
                  - name: broken
                    command: "false"
                """, Duration.ofSeconds(30));
        String xml = JUnitXml.of(report, "127.0.0.1/app:1");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        var cases = doc.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("Command Test: ok <&> \"quoted\"");
        assertThat(((Element) cases.item(1)).getElementsByTagName("failure").item(0).getTextContent())
                .contains("exit code 1, expected 0");
    }
}
