// Compile-only stand-in of org.jenkinsci.remoting.RoleChecker (remoting 3261.v9c670a_4748a_9); never shipped.
package org.jenkinsci.remoting;

import java.util.Collection;
import java.util.List;

public abstract class RoleChecker {
    public abstract void check(RoleSensitive subject, Collection<Role> expected) throws SecurityException;

    public void check(RoleSensitive subject, Role expected) throws SecurityException {
        check(subject, List.of(expected));
    }
}
