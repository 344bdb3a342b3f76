package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.watch.NotificationListener;
import io.jenkins.plugins.imagelifecycle.watch.RebuildPlan;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamWatch;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Check the tracked upstream bases for patches and print the rebuild plan (exit 3 when rebuilds are due), "
                + "or listen for the registry's push notifications.")
final class WatchCommand implements Callable<Integer> {
    static final int REBUILDS_DUE = 3;

    @Mixin
    CommonOptions common;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--once", description = "Check once, print the plan, exit 0 (nothing due) or 3 (rebuilds due)")
        boolean once;

        @Option(names = "--listen", paramLabel = "ADDR:PORT", description = "Receive registry notifications on this loopback address")
        String listen;
    }

    @Option(names = "--secret-env", paramLabel = "NAME", defaultValue = "IMAGE_LIFECYCLE_WEBHOOK_SECRET",
            description = "Environment variable holding the webhook's shared secret (default: ${DEFAULT-VALUE})")
    String secretEnv;

    @Option(names = "--quiet-period", paramLabel = "DURATION", defaultValue = "PT0S",
            description = "How long a new upstream digest must stand unchanged before it counts, ISO-8601 (e.g. PT6H; default: ${DEFAULT-VALUE})")
    String quietPeriod;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32",
            description = "Registry requests at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Override
    public Integer call() throws Exception {
        PrintStream log = LogStream.of(spec.commandLine().getErr());
        try (Catalog catalog = common.openCatalog()) {
            UpstreamWatch watch = new UpstreamWatch(catalog, engine.registry(), concurrency, quiet(), Clock.systemUTC());
            if (mode.once) {
                RebuildPlan plan = watch.check();
                print(plan);
                return plan.rebuildsDue() ? REBUILDS_DUE : ErrorHandler.OK;
            }
            return listen(watch, log);
        }
    }

    private int listen(UpstreamWatch watch, PrintStream log) throws Exception {
        String secret = System.getenv(secretEnv);
        if (secret == null || secret.isBlank()) {
            throw new BadInputException("Environment variable " + secretEnv + " is not set; it must hold the webhook's shared secret");
        }
        int colon = mode.listen.lastIndexOf(':');
        if (colon < 0) {
            throw new BadInputException("Listen address '" + mode.listen + "' has no port; expected 127.0.0.1:PORT");
        }
        int port;
        try {
            port = Integer.parseInt(mode.listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new BadInputException("Listen address '" + mode.listen + "' has no numeric port; expected 127.0.0.1:PORT");
        }
        if (port < 0 || port > 65535) {
            throw new BadInputException("Listen address '" + mode.listen + "' has port " + port + "; expected 127.0.0.1:PORT with PORT "
                    + "from 0 to 65535");
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (NotificationListener listener = new NotificationListener(watch, secret, this::print, log)
                .start(new InetSocketAddress(mode.listen.substring(0, colon), port))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        }
        return ErrorHandler.OK;
    }

    private Duration quiet() {
        try {
            return Duration.parse(quietPeriod);
        } catch (DateTimeParseException e) {
            throw new BadInputException("Quiet period '" + quietPeriod + "' is not an ISO-8601 duration; expected e.g. PT6H or PT30M");
        }
    }

    private synchronized void print(RebuildPlan plan) {
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(Json.write(plan.toJson()));
        } else {
            out.print(plan.toTable());
        }
        out.flush();
    }
}
