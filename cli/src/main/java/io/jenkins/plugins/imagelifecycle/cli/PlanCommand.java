package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.watch.RebuildPlan;
import io.jenkins.plugins.imagelifecycle.watch.UpstreamWatch;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "The rebuild plan that open findings with a fix call for, in build order, each step with its reasons; "
                + "exit 3 when rebuilds are due. (watch --once adds patched upstreams to the same plan.)")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--advisories", description = "Plan from the open findings (the only source this command plans from)")
    boolean advisories;

    @Override
    public Integer call() {
        if (!advisories) {
            throw new BadInputException("plan needs --advisories (upstream patches are planned by watch --once)");
        }
        try (Catalog catalog = common.openCatalog()) {
            RebuildPlan plan = new UpstreamWatch(catalog, null, 1, Duration.ZERO, Clock.systemUTC()).planWithoutUpstreams();
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                out.println(io.jenkins.plugins.imagelifecycle.support.Json.write(plan.toJson()));
            } else {
                out.print(plan.toTable());
            }
            out.flush();
            return plan.rebuildsDue() ? WatchCommand.REBUILDS_DUE : ErrorHandler.OK;
        }
    }
}
