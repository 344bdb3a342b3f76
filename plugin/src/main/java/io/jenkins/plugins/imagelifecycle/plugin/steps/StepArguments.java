package io.jenkins.plugins.imagelifecycle.plugin.steps;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step arguments given as {@code KEY=VALUE} strings (Pipeline steps bind lists, not maps), checked and split. */
final class StepArguments {
    private StepArguments() {
    }

    /**
     * A required argument left blank (a form's empty field, a variable that held nothing): refused naming the step and
     * the parameter, before anything runs, where the core would name only what it expected of a value.
     */
    static void required(String step, String parameter, String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new BadInputException(step + " " + parameter + (value == null ? " is missing" : " '" + value + "' is empty")
                    + "; expected " + expected);
        }
    }

    static Map<String, String> keyValues(List<String> entries, String parameter) {
        Map<String, String> map = new LinkedHashMap<>();
        if (entries == null) {
            return map;
        }
        for (String entry : entries) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException(parameter + " entry '" + entry + "' is not KEY=VALUE");
            }
            map.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return map;
    }
}
