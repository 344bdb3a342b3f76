package io.jenkins.plugins.imagelifecycle.docker;

import java.io.IOException;
import java.util.function.Supplier;

/**
 * A Docker engine connected when a build first needs it, and closed with this. A bless or augment checks every input
 * before it builds: with the engine connected on first use, bad input is refused the same whether an engine runs or not.
 */
public final class EngineOnFirstUse implements Supplier<DockerEngine>, AutoCloseable {
    private final Supplier<DockerEngine> connect;
    private DockerEngine engine;

    public EngineOnFirstUse(Supplier<DockerEngine> connect) {
        this.connect = connect;
    }

    @Override
    public synchronized DockerEngine get() {
        if (engine == null) {
            engine = connect.get();
        }
        return engine;
    }

    @Override
    public synchronized void close() throws IOException {
        if (engine != null) {
            engine.close();
        }
    }
}
