// Compile-only stand-in of org.jvnet.hudson.reactor.ReactorException (task-reactor 1.8, as Jenkins 2.479.3 uses); never shipped.
package org.jvnet.hudson.reactor;

public class ReactorException extends Exception {
    ReactorException(Throwable cause) {
        super(cause);
    }
}
