// Compile-only stand-in of hudson.FilePath (Jenkins 2.479.3); never shipped. Local paths only: act() runs the callable in this JVM.
package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleChecker;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    private final String remote;

    public FilePath(File localPath) {
        this.remote = localPath.getPath();
    }

    public String getRemote() {
        return remote;
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        // As Jenkins does for a local path: the role check first, then the call in the caller's thread.
        callable.checkRoles(new RoleChecker() {
            @Override
            public void check(RoleSensitive subject, java.util.Collection<org.jenkinsci.remoting.Role> expected) {
            }
        });
        return callable.invoke(new File(remote), null);
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
