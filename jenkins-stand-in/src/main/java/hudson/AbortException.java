// Compile-only stand-in of hudson.AbortException (Jenkins 2.479.3); never shipped.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }

    private static final long serialVersionUID = 1L;
}
