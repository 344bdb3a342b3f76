// Compile-only stand-in of hudson.util.FormValidation (Jenkins 2.479.3; HttpResponse omitted); never shipped.
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    public enum Kind { OK, WARNING, ERROR }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation error(String message) {
        return new FormValidation(Kind.ERROR, message) {
        };
    }

    public static FormValidation warning(String message) {
        return new FormValidation(Kind.WARNING, message) {
        };
    }

    public static FormValidation ok(String message) {
        return new FormValidation(Kind.OK, message) {
        };
    }

    public static FormValidation ok() {
        return ok(null);
    }
}
