// Compile-only stand-in of hudson.triggers.SafeTimerTask (Jenkins 2.479.3); never shipped. As in Jenkins, run() acts as SYSTEM and logs what doRun() throws.
package hudson.triggers;

import hudson.security.ACL;
import java.util.TimerTask;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

public abstract class SafeTimerTask extends TimerTask {
    private static final Logger LOGGER = Logger.getLogger(SafeTimerTask.class.getName());

    @Override
    public final void run() {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext system = SecurityContextHolder.createEmptyContext();
        system.setAuthentication(ACL.SYSTEM2);
        SecurityContextHolder.setContext(system);
        try {
            doRun();
        } catch (Throwable t) {
            LOGGER.log(Level.SEVERE, "Timer task " + this + " failed", t);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    protected abstract void doRun() throws Exception;
}
