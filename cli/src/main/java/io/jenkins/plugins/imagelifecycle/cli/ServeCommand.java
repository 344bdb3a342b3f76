package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.config.Environment;
import io.jenkins.plugins.imagelifecycle.view.LifecycleView;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the live lifecycle view on http://127.0.0.1:PORT/ until stopped.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8089", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port)")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new io.jenkins.plugins.imagelifecycle.model.BadInputException("--port " + port
                    + " is out of range; expected 0 to 65535 (0: any free port)");
        }
        try (Catalog catalog = common.openCatalog()) {
            var envs = engine.config().environments().stream().map(Environment::name).toList();
            try (ViewServer server = new ViewServer(port,
                    json -> LifecycleView.write(catalog, envs, digest -> true, LifecycleView.History.ON_DEMAND, json),
                    digest -> LifecycleView.history(catalog, digest, shown -> true))) {
                spec.commandLine().getOut().println("Lifecycle view on http://127.0.0.1:" + server.port() + "/ (Ctrl-C stops)");
                spec.commandLine().getOut().flush();
                new CountDownLatch(1).await();
            }
        }
        return ErrorHandler.OK;
    }
}
