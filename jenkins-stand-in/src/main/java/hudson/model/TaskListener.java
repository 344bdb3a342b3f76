// Compile-only stand-in of hudson.model.TaskListener (Jenkins 2.479.3); never shipped.
package hudson.model;

import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public interface TaskListener extends SerializableOnlyOverRemoting {
    PrintStream getLogger();
}
