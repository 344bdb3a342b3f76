// Compile-only stand-in of hudson.model.queue.Tasks (Jenkins 2.479.3; only getAuthenticationOf2); never shipped.
package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

public class Tasks {
    /**
     * Jenkins asks each QueueItemAuthenticator (Authorize Project's) first; the stand-in has none, so this is
     * what Jenkins answers without one: the task's default authentication.
     */
    public static Authentication getAuthenticationOf2(Queue.Task t) {
        return t.getDefaultAuthentication2();
    }
}
