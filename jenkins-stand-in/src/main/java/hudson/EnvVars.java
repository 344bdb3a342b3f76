// Compile-only stand-in of hudson.EnvVars (Jenkins 2.479.3); never shipped.
package hudson;

import java.util.Map;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
        super(String.CASE_INSENSITIVE_ORDER);
    }

    public EnvVars(Map<String, String> m) {
        this();
        putAll(m);
    }
}
