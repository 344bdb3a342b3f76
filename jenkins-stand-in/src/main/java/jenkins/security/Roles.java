// Compile-only stand-in of jenkins.security.Roles (Jenkins 2.479.3); never shipped.
package jenkins.security;

import org.jenkinsci.remoting.Role;

public class Roles {
    public static final Role MASTER = new Role("master");

    public static final Role SLAVE = new Role("slave");
}
