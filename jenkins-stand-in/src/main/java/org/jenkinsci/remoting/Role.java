// Compile-only stand-in of org.jenkinsci.remoting.Role (remoting 3261.v9c670a_4748a_9); never shipped.
package org.jenkinsci.remoting;

public final class Role {
    private final String name;

    public Role(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
