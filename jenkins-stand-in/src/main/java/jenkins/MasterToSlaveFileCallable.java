// Compile-only stand-in of jenkins.MasterToSlaveFileCallable (Jenkins 2.479.3, before 2.485 moved checkRoles); never shipped.
package jenkins;

import hudson.FilePath.FileCallable;
import jenkins.security.Roles;
import org.jenkinsci.remoting.RoleChecker;

public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        checker.check(this, Roles.SLAVE);
    }

    private static final long serialVersionUID = 1L;
}
