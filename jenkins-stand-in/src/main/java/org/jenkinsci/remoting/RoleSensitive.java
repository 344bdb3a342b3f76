// Compile-only stand-in of org.jenkinsci.remoting.RoleSensitive (remoting 3261.v9c670a_4748a_9); never shipped.
package org.jenkinsci.remoting;

public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
