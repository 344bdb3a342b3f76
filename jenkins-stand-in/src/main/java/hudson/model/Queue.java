// Compile-only stand-in of hudson.model.Queue (Jenkins 2.479.3; only the nested Item and Task types); never shipped.
package hudson.model;

import hudson.security.ACL;
import org.springframework.security.core.Authentication;

public class Queue {
    public abstract static class Item extends Actionable {
    }

    /** Jenkins: {@code extends ModelObject, SubTask} (omitted here), with many more (mostly default) members. */
    public interface Task {
        default Authentication getDefaultAuthentication2() {
            return ACL.SYSTEM2;
        }
    }
}
