package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.util.List;
import java.util.Set;

/** The checks of a spec that YAML binding cannot make: required fields, allowed values, patterns. */
final class SpecValidator {
    private static final Set<String> EXECUTABLE_BY = Set.of("owner", "group", "other", "any");

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
            if (t.isExecutableBy() != null && !EXECUTABLE_BY.contains(t.isExecutableBy())) {
                throw new BadInputException(where + ": isExecutableBy '" + t.isExecutableBy()
                        + "' is not one of owner, group, other, any");
            }
            if (t.permissions() != null && !t.permissions().matches("[-dlcbps][-r][-w][-xsS][-r][-w][-xsS][-r][-w][-xtT]")) {
                throw new BadInputException(where + ": permissions '" + t.permissions() + "' is not like -rwxr-xr-x");
            }
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
            for (TestSpec.KeyValue kv : concat(spec.metadataTest().envVars(), spec.metadataTest().labels())) {
                require(where, "key", kv.key());
                if (kv.isRegex()) {
                    patterns(where + " key '" + kv.key() + "'", "value", List.of(String.valueOf(kv.value())));
                }
            }
        }
        if (spec.testCount() == 0) {
            // as container-structure-test counts: an empty metadataTest is no test, and a run of none proves nothing
            throw new BadInputException("Test spec " + file + " holds no tests; expected commandTests, fileExistenceTests, "
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
