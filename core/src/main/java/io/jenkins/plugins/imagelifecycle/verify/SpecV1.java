package io.jenkins.plugins.imagelifecycle.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A container-structure-test file of {@code schemaVersion: 1.0.0}: the keys CST's v1 types have and no
 * others (no {@code args}, {@code metadataTest}, {@code containerRunOptions}, ownership or
 * {@code isExecutableBy}), and {@code command} as a list, command and arguments in one.
 */
record SpecV1(
        @JsonProperty("schemaVersion") String schemaVersion,
        @JsonProperty("globalEnvVars") List<TestSpec.KeyValue> globalEnvVars,
        @JsonProperty("commandTests") List<CommandTest> commandTests,
        @JsonProperty("fileExistenceTests") List<FileExistenceTest> fileExistenceTests,
        @JsonProperty("fileContentTests") List<TestSpec.FileContentTest> fileContentTests,
        @JsonProperty("licenseTests") List<TestSpec.LicenseTest> licenseTests) {

    record CommandTest(
            @JsonProperty("name") String name,
            @JsonProperty("setup") List<List<String>> setup,
            @JsonProperty("teardown") List<List<String>> teardown,
            @JsonProperty("envVars") List<TestSpec.KeyValue> envVars,
            @JsonProperty("exitCode") Integer exitCode,
            @JsonProperty("command") List<String> command,
            @JsonProperty("expectedOutput") List<String> expectedOutput,
            @JsonProperty("excludedOutput") List<String> excludedOutput,
            @JsonProperty("expectedError") List<String> expectedError,
            @JsonProperty("excludedError") List<String> excludedError) {

        TestSpec.CommandTest toV2() {
            boolean none = command == null || command.isEmpty();
            return new TestSpec.CommandTest(name, setup, teardown, none ? null : command.get(0),
                    none ? null : command.subList(1, command.size()), envVars, expectedOutput, excludedOutput,
                    expectedError, excludedError, exitCode);
        }
    }

    record FileExistenceTest(
            @JsonProperty("name") String name,
            @JsonProperty("path") String path,
            @JsonProperty("shouldExist") Boolean shouldExist,
            @JsonProperty("permissions") String permissions) {

        TestSpec.FileExistenceTest toV2() {
            return new TestSpec.FileExistenceTest(name, path, shouldExist, permissions, null, null, null);
        }
    }

    /** The same file in 2.0.0's shape: what v1 lacks is absent, so it is not checked. */
    TestSpec toV2() {
        return new TestSpec(schemaVersion, globalEnvVars,
                TestSpec.orEmpty(commandTests).stream().map(CommandTest::toV2).toList(),
                TestSpec.orEmpty(fileExistenceTests).stream().map(FileExistenceTest::toV2).toList(),
                fileContentTests, null, licenseTests, null);
    }
}
