// Compile-only stand-in of hudson.util.Secret (Jenkins 2.479.3); never shipped. Holds the value in plain memory.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public String getPlainText() {
        return value;
    }

    public static Secret fromString(String data) {
        return new Secret(data == null ? "" : data);
    }

    @Override
    public String toString() {
        return "Secret";
    }
}
