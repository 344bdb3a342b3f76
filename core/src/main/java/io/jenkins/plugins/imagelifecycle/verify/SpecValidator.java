package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.util.List;

/**
 * The checks of a spec that YAML binding cannot make: required fields and patterns. What CST checks per test
 * when it runs (empty envVars values, isExecutableBy, permissions) fails that test instead: see the test runs.
 */
final class SpecValidator {
    private SpecValidator() {
    }

    static void validate(String file, TestSpec spec) {
        int i = 0;
        for (TestSpec.CommandTest t : spec.commandTests()) {
            String where = where(file, "commandTests", i++, t.name());
            require(where, "name", t.name());
            require(where, "command", t.command());
            patterns(where, "expectedOutput", t.expectedOutput());
            patterns(where, "excludedOutput", t.excludedOutput());
            patterns(where, "expectedError", t.expectedError());
            patterns(where, "excludedError", t.excludedError());
            for (List<String> step : t.setup()) {
                if (step == null || step.isEmpty()) {
                    throw new BadInputException(where + ": key 'setup' holds an empty command; expected [command, args…]");
                }
            }
        }
        i = 0;
        for (TestSpec.FileExistenceTest t : spec.fileExistenceTests()) {
            String where = where(file, "fileExistenceTests", i++, t.name());
            require(where, "name", t.name());
            require(where, "path", t.path());
            // a bad isExecutableBy or permissions value fails that test when it runs, as in CST, not the file
        }
        i = 0;
        for (TestSpec.FileContentTest t : spec.fileContentTests()) {
            String where = where(file, "fileContentTests", i++, t.name());
            require(where, "name", t.name());
            require(where, "path", t.path());
            patterns(where, "expectedContents", t.expectedContents());
            patterns(where, "excludedContents", t.excludedContents());
        }
        if (spec.metadataTest() != null) {
            String where = "Test spec " + file + " metadataTest";
            for (TestSpec.KeyValue kv : concat(concat(spec.metadataTest().envVars(), spec.metadataTest().labels()),
                    spec.metadataTest().unboundEnvVars())) {
                require(where, "key", kv.key());
                if (kv.isRegex()) {
                    patterns(where + " key '" + kv.key() + "'", "value", List.of(String.valueOf(kv.value())));
                }
            }
        }
        if (spec.testCount() == 0) {
            // as container-structure-test counts: an empty metadataTest is no test, and a run of none proves nothing
            throw new SpecWithoutTestsException("Test spec " + file + " holds no tests; expected commandTests, fileExistenceTests, "
                    + "fileContentTests or a metadataTest that checks something");
        }
    }

    private static List<TestSpec.KeyValue> concat(List<TestSpec.KeyValue> a, List<TestSpec.KeyValue> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static String where(String file, String kind, int index, String name) {
        return "Test spec " + file + " " + kind + "[" + index + "]" + (name == null ? "" : " '" + name + "'");
    }

    private static void require(String where, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(where + ": required key '" + key + "' is missing");
        }
    }

    private static void patterns(String where, String key, List<String> patterns) {
        for (String p : patterns) {
            try {
                GoRegex.compile(p);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(where + ": " + key + " pattern '" + p + "' is not a valid regular expression: "
                        + e.getMessage());
            }
        }
    }
}
