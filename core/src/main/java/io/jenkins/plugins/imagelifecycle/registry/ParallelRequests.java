package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Registry requests of one operation that do not depend on each other, sent together: a promotion waits on the
 * registry's answers one after another otherwise (24 round trips for an image with two attestations, each a few
 * milliseconds). The number in flight to one registry stays bounded by {@link RegistryTraffic}. A failed operation
 * returns only once none of its requests is still running, so nothing of it goes on after its caller saw it fail.
 */
public final class ParallelRequests {
    /** Daemon threads: a request waits on the network, never on CPU, and none keeps a command line from ending. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "registry-request");
        t.setDaemon(true);
        return t;
    });

    private final Set<CompletableFuture<?>> started = ConcurrentHashMap.newKeySet();

    /** Starts {@code request} on its own thread. */
    public <T> CompletableFuture<T> start(Supplier<T> request) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(request, THREADS);
        started.add(future);
        return future;
    }

    /** Runs {@code next} on a request thread once {@code before} has completed. */
    <T, R> CompletableFuture<R> then(CompletableFuture<T> before, java.util.function.Function<T, R> next) {
        CompletableFuture<R> future = before.thenApplyAsync(next, THREADS);
        started.add(future);
        return future;
    }

    /**
     * The value, or the request's own exception (a registry down, a refused blob), not a wrapper; on a failure, after
     * every request started here has ended.
     */
    public <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            settle();
            throw unwrapped(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Interrupted while waiting for the registry; requests already sent finish on their own", e);
        }
    }

    /** Waits for every request started, including those started by others' completion while it waited. */
    private void settle() {
        int seen;
        do {
            seen = started.size();
            for (CompletableFuture<?> f : started) {
                try {
                    f.get();
                } catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
                    // its failure is not the one reported; only its end is awaited
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } while (started.size() != seen);
    }

    private static RuntimeException unwrapped(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException r ? r : new OperationFailedException(cause.toString(), cause);
    }
}
