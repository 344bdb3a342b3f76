package io.jenkins.plugins.imagelifecycle.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * One container-structure-test file ({@code schemaVersion: 2.0.0}), as written by users. Field names
 * are CST's; {@link SpecParser} checks them and compiles every pattern before anything runs.
 */
public record TestSpec(
        @JsonProperty("schemaVersion") String schemaVersion,
        @JsonProperty("globalEnvVars") List<KeyValue> globalEnvVars,
        @JsonProperty("commandTests") List<CommandTest> commandTests,
        @JsonProperty("fileExistenceTests") List<FileExistenceTest> fileExistenceTests,
        @JsonProperty("fileContentTests") List<FileContentTest> fileContentTests,
        @JsonProperty("metadataTest") MetadataTest metadataTest) implements Serializable {

    public TestSpec {
        globalEnvVars = orEmpty(globalEnvVars);
        commandTests = orEmpty(commandTests);
        fileExistenceTests = orEmpty(fileExistenceTests);
        fileContentTests = orEmpty(fileContentTests);
    }

    /** How many tests this file defines, counted as container-structure-test counts them. */
    public int testCount() {
        return commandTests.size() + fileExistenceTests.size() + fileContentTests.size()
                + (metadataTest == null || metadataTest.isEmpty() ? 0 : 1);
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** A key, a value, and whether the value is a pattern (CST's envVars and labels). */
    public record KeyValue(@JsonProperty("key") String key, @JsonProperty("value") String value,
                           @JsonProperty("isRegex") boolean isRegex) implements Serializable {
    }

    public record CommandTest(
            @JsonProperty("name") String name,
            @JsonProperty("setup") List<List<String>> setup,
            @JsonProperty("teardown") List<List<String>> teardown,
            @JsonProperty("command") String command,
            @JsonProperty("args") List<String> args,
            @JsonProperty("envVars") List<KeyValue> envVars,
            @JsonProperty("expectedOutput") List<String> expectedOutput,
            @JsonProperty("excludedOutput") List<String> excludedOutput,
            @JsonProperty("expectedError") List<String> expectedError,
            @JsonProperty("excludedError") List<String> excludedError,
            @JsonProperty("exitCode") Integer exitCode) implements Serializable {
        public CommandTest {
            setup = orEmpty(setup);
            teardown = orEmpty(teardown);
            args = orEmpty(args);
            envVars = orEmpty(envVars);
            expectedOutput = orEmpty(expectedOutput);
            excludedOutput = orEmpty(excludedOutput);
            expectedError = orEmpty(expectedError);
            excludedError = orEmpty(excludedError);
        }

        public int expectedExitCode() {
            return exitCode == null ? 0 : exitCode;
        }
    }

    public record FileExistenceTest(
            @JsonProperty("name") String name,
            @JsonProperty("path") String path,
            @JsonProperty("shouldExist") Boolean shouldExist,
            @JsonProperty("permissions") String permissions,
            @JsonProperty("uid") Integer uid,
            @JsonProperty("gid") Integer gid,
            @JsonProperty("isExecutableBy") String isExecutableBy) implements Serializable {
        public boolean mustExist() {
            return shouldExist == null || shouldExist;
        }
    }

    public record FileContentTest(
            @JsonProperty("name") String name,
            @JsonProperty("path") String path,
            @JsonProperty("expectedContents") List<String> expectedContents,
            @JsonProperty("excludedContents") List<String> excludedContents) implements Serializable {
        public FileContentTest {
            expectedContents = orEmpty(expectedContents);
            excludedContents = orEmpty(excludedContents);
        }
    }

    /** Null lists mean "not checked"; an empty entrypoint or cmd list means "must be empty". */
    public record MetadataTest(
            @JsonProperty("envVars") List<KeyValue> envVars,
            @JsonProperty("labels") List<KeyValue> labels,
            @JsonProperty("exposedPorts") List<String> exposedPorts,
            @JsonProperty("unexposedPorts") List<String> unexposedPorts,
            @JsonProperty("volumes") List<String> volumes,
            @JsonProperty("unmountedVolumes") List<String> unmountedVolumes,
            @JsonProperty("entrypoint") List<String> entrypoint,
            @JsonProperty("cmd") List<String> cmd,
            @JsonProperty("workdir") String workdir,
            @JsonProperty("user") String user) implements Serializable {
        public MetadataTest {
            envVars = orEmpty(envVars);
            labels = orEmpty(labels);
            exposedPorts = orEmpty(exposedPorts);
            unexposedPorts = orEmpty(unexposedPorts);
            volumes = orEmpty(volumes);
            unmountedVolumes = orEmpty(unmountedVolumes);
        }

        /** Nothing to check: CST neither runs nor counts such a metadata test. */
        public boolean isEmpty() {
            return envVars.isEmpty() && labels.isEmpty() && exposedPorts.isEmpty() && unexposedPorts.isEmpty()
                    && volumes.isEmpty() && unmountedVolumes.isEmpty() && entrypoint == null && cmd == null
                    && (workdir == null || workdir.isEmpty()) && (user == null || user.isEmpty());
        }
    }
}
