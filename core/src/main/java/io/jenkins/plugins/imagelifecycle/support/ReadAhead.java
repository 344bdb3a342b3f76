package io.jenkins.plugins.imagelifecycle.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads on one thread while the caller writes what was read on its own: a listing of the whole catalog spends about
 * as long in the database as in writing JSON, and two cores do both at once. At most {@code depth} parts wait
 * between the two, so memory stays bounded whatever the catalog holds.
 */
public final class ReadAhead {
    /** Makes the parts, in order, handing each over; runs on the reading thread. */
    @FunctionalInterface
    public interface Reader<T> {
        void read(HandOver<T> parts) throws Exception;
    }

    /** Hands one part to the writer, waiting while {@code depth} parts are not yet written; it does no I/O itself. */
    @FunctionalInterface
    public interface HandOver<T> {
        void accept(T part);
    }

    /** Writes one part, on the calling thread. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T part) throws IOException;
    }

    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    private ReadAhead() {
    }

    /**
     * Runs {@code reader} on a thread of its own and hands each part to {@code writer} on the calling thread. A failure
     * of either side stops both; the reader's is thrown here as it was (an IOException as itself), and the reader has
     * finished (its transaction closed) before this returns.
     */
    public static <T> void run(String name, int depth, Reader<T> reader, Sink<T> writer) throws IOException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(depth);
        AtomicBoolean writerStopped = new AtomicBoolean();
        Thread reading = new Thread(() -> {
            Object last = END;
            try {
                reader.read(part -> handOver(queue, part, writerStopped));
            } catch (CancellationException stopped) {
                return;
            } catch (Throwable t) {
                last = new Failure(t);
            }
            try {
                handOver(queue, last, writerStopped);
            } catch (CancellationException nobodyWaits) {
                // the writer stopped: nobody is waiting for the end any more
            }
        }, name);
        reading.setDaemon(true);
        reading.start();
        try {
            while (true) {
                Object part = take(queue);
                if (part == END) {
                    return;
                }
                if (part instanceof Failure failure) {
                    throw rethrown(failure.cause());
                }
                @SuppressWarnings("unchecked")
                T read = (T) part;
                writer.accept(read);
            }
        } catch (IOException | RuntimeException | Error e) {
            // not an interrupt: an interrupted thread inside an embedded catalog's read would close its file channel
            writerStopped.set(true);
            throw e;
        } finally {
            drainUntilEnded(reading, queue);
        }
    }

    /** Hands a part over, or ends the reading (its transaction closes) once the writer has stopped taking. */
    private static void handOver(BlockingQueue<Object> queue, Object part, AtomicBoolean writerStopped) {
        try {
            while (!queue.offer(part, 100, TimeUnit.MILLISECONDS)) {
                if (writerStopped.get()) {
                    throw new CancellationException("the writer stopped");
                }
            }
            if (writerStopped.get()) {
                throw new CancellationException("the writer stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while handing a part over");
        }
    }

    /** Waits for the reader to end, taking what it still hands over so that it is never left waiting for room. */
    private static void drainUntilEnded(Thread reading, BlockingQueue<Object> queue) {
        boolean interrupted = false;
        while (reading.isAlive()) {
            queue.clear();
            try {
                reading.join(100);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object take(BlockingQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for the reader");
        }
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof UncheckedIOException io) {
            return io.getCause();
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }
}
