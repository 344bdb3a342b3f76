package io.jenkins.plugins.imagelifecycle.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP front for a registry that counts the bytes the registry sends back and, once they pass a threshold,
 * runs a fault (kill the registry, cut the connections) on the very thread that forwards them, before another byte
 * goes on: the fault lands while a layer streams, at a point the test knows.
 */
public final class CuttingFront implements AutoCloseable {
    private final ServerSocket server;
    private final String behindHost;
    private final int behindPort;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cutting-front");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong answered = new AtomicLong();
    private final AtomicBoolean faulted = new AtomicBoolean();
    private volatile long threshold = Long.MAX_VALUE;
    private volatile Runnable fault = () -> { };
    private volatile long answeredAtFault = -1;

    private CuttingFront(String behind) throws IOException {
        int colon = behind.lastIndexOf(':');
        behindHost = behind.substring(0, colon);
        behindPort = Integer.parseInt(behind.substring(colon + 1));
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        pumps.submit(this::accept);
    }

    /** @param behind the registry's {@code host:port} */
    public static CuttingFront of(String behind) {
        try {
            return new CuttingFront(behind);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Once {@code bytes} more have come back from the registry, runs {@code fault} (once), then forwards on. */
    public CuttingFront faultAfter(long bytes, Runnable fault) {
        this.fault = fault;
        this.threshold = answered.get() + bytes;
        return this;
    }

    public String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** How many bytes had come back when the fault ran; -1 while it has not. */
    public long answeredAtFault() {
        return answeredAtFault;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // closed: the loop ends
            }
            try {
                Socket registry = new Socket(behindHost, behindPort);
                pumps.submit(() -> pump(client, registry, false));
                pumps.submit(() -> pump(registry, client, true));
            } catch (IOException registryDown) {
                // the client sees its connection end at once, as it would against the dead registry itself
                try {
                    client.close();
                } catch (IOException e) {
                    // closed already
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[64 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (answers && answered.addAndGet(n) >= threshold && faulted.compareAndSet(false, true)) {
                    answeredAtFault = answered.get();
                    fault.run();
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // one side went: closing both (try-with-resources) ends the other
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        pumps.shutdownNow();
    }
}
