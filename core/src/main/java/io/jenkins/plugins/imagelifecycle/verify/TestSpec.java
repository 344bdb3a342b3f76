package io.jenkins.plugins.imagelifecycle.verify;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * One container-structure-test file as written by users, in schema 2.0.0's shape (a 1.0.0 file is read by
 * {@link SpecV1} and turned into this). Field names are CST's; {@link SpecParser} checks them and compiles
 * every pattern before anything runs.
 */
public record TestSpec(
        @JsonProperty("schemaVersion") String schemaVersion,
        @JsonProperty("globalEnvVars") List<KeyValue> globalEnvVars,
        @JsonProperty("commandTests") List<CommandTest> commandTests,
        @JsonProperty("fileExistenceTests") List<FileExistenceTest> fileExistenceTests,
        @JsonProperty("fileContentTests") List<FileContentTest> fileContentTests,
        @JsonProperty("metadataTest") MetadataTest metadataTest,
        @JsonProperty("licenseTests") List<LicenseTest> licenseTests,
        @JsonProperty("containerRunOptions") ContainerRunOptions containerRunOptions) implements Serializable {

    public TestSpec {
        globalEnvVars = orEmpty(globalEnvVars);
        licenseTests = orEmpty(licenseTests);
        commandTests = orEmpty(commandTests);
        fileExistenceTests = orEmpty(fileExistenceTests);
        fileContentTests = orEmpty(fileContentTests);
    }

    /** How many tests this file defines, counted as container-structure-test counts them. */
    public int testCount() {
        return commandTests.size() + fileExistenceTests.size() + fileContentTests.size() + licenseTests.size()
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
            // "env" is the key's name in CST before 1.14 (2022), which specs of that time use
            @JsonProperty("envVars") @JsonAlias("env") List<KeyValue> envVars,
            @JsonProperty("unboundEnvVars") List<KeyValue> unboundEnvVars,
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
            unboundEnvVars = orEmpty(unboundEnvVars);
            labels = orEmpty(labels);
            exposedPorts = orEmpty(exposedPorts);
            unexposedPorts = orEmpty(unexposedPorts);
            volumes = orEmpty(volumes);
            unmountedVolumes = orEmpty(unmountedVolumes);
        }

        /** Nothing to check: CST neither runs nor counts such a metadata test. */
        public boolean isEmpty() {
            return envVars.isEmpty() && unboundEnvVars.isEmpty() && labels.isEmpty() && exposedPorts.isEmpty() && unexposedPorts.isEmpty()
                    && volumes.isEmpty() && unmountedVolumes.isEmpty() && entrypoint == null && cmd == null
                    && (workdir == null || workdir.isEmpty()) && (user == null || user.isEmpty());
        }
    }

    /** CST's Debian copyright check ({@code debian: true}: every package under /usr/share/doc) and listed files. */
    public record LicenseTest(@JsonProperty("debian") boolean debian,
                              @JsonProperty("files") List<String> files) implements Serializable {
        public LicenseTest {
            files = orEmpty(files);
        }
    }

    /**
     * How CST's docker driver creates every container of the file: user, privileged, a terminal, environment
     * from the runner's own environment ({@code envVars} names) and from an env file, added capabilities, binds.
     */
    public record ContainerRunOptions(
            @JsonProperty("user") String user,
            @JsonProperty("privileged") boolean privileged,
            @JsonProperty("allocateTty") boolean allocateTty,
            @JsonProperty("envVars") List<String> envVars,
            @JsonProperty("envFile") String envFile,
            @JsonProperty("capabilities") List<String> capabilities,
            @JsonProperty("bindMounts") List<String> bindMounts) implements Serializable {
        public static final ContainerRunOptions NONE = new ContainerRunOptions(null, false, false, null, null, null, null);

        public ContainerRunOptions {
            envVars = orEmpty(envVars);
            capabilities = orEmpty(capabilities);
            bindMounts = orEmpty(bindMounts);
        }
    }
}
