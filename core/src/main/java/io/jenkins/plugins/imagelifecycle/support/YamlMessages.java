package io.jenkins.plugins.imagelifecycle.support;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A YAML value of the wrong type, said in YAML's words ("expected a list") rather than Java's type names. */
public final class YamlMessages {
    private YamlMessages() {
    }

    /** "key 'commandTests' has the wrong type; expected a list" */
    public static String wrongType(MismatchedInputException e) {
        return "key '" + path(e) + "' has the wrong type; expected " + expected(e.getTargetType());
    }

    public static String expected(Class<?> type) {
        if (type == null) {
            return "another kind of value";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a mapping of keys";
    }

    /** The key's path in the document: {@code commandTests[0].args}. */
    public static String path(MismatchedInputException e) {
        StringBuilder out = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
