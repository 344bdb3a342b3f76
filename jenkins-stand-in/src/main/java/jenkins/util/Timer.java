// Compile-only stand-in of jenkins.util.Timer (Jenkins 2.479.3); never shipped.
package jenkins.util;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

public class Timer {
    private static ScheduledExecutorService executorService;

    public static synchronized ScheduledExecutorService get() {
        if (executorService == null) {
            executorService = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "jenkins.util.Timer");
                t.setDaemon(true);
                return t;
            });
        }
        return executorService;
    }
}
