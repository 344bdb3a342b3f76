package io.jenkins.plugins.imagelifecycle.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Work that runs beside a long wait (a Packer build) on a daemon thread of its own: waiting on a process or the network
 * does not belong in the common fork-join pool, and none of it keeps a command line from ending.
 */
public final class SideTask {
    private SideTask() {
    }

    public static <T> CompletableFuture<T> start(String threadName, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, work -> {
            Thread t = new Thread(work, threadName);
            t.setDaemon(true);
            t.start();
        });
    }

    /** The value, or the task's own exception (a Git repository that cannot be read, Packer missing), not a wrapper. */
    public static <T> T joined(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
