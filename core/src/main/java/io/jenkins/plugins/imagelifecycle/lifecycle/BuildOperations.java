package io.jenkins.plugins.imagelifecycle.lifecycle;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Bless and augment in one process (the CLI): check against the catalog, build and push, record.
 * The Jenkins plugin runs the same three parts, the middle one on the agent.
 */
public final class BuildOperations {
    public static final String BLESS = "bless";
    public static final String AUGMENT = "augment";

    private final Catalog catalog;
    private final ContainerBuild build;
    private final RegistryClient registry;
    private final BuildContext context;

    public BuildOperations(Catalog catalog, ContainerBuild build, RegistryClient registry, BuildContext context) {
        this.catalog = catalog;
        this.build = build;
        this.registry = registry;
        this.context = context;
    }

    public BuiltImage bless(Path workspace, ContainerBuildRequest request, PrintStream log) {
        PreparedBuild prepared = build.prepareBless(workspace, request, log);
        return executeAndRecord(BLESS, prepared, log);
    }

    public BuiltImage augment(Path workspace, ContainerBuildRequest request, PrintStream log) {
        ParentImage parent = new ParentLookup(catalog, registry).blessedParent(request.from(), log);
        PreparedBuild prepared = build.prepareAugment(workspace, request, parent);
        return executeAndRecord(AUGMENT, prepared, log);
    }

    private BuiltImage executeAndRecord(String action, PreparedBuild prepared, PrintStream log) {
        BuildRecorder recorder = new BuildRecorder(catalog);
        try {
            BuiltImage built = build.execute(prepared, context, log);
            recorder.recordBuilt(action, built, context);
            return built;
        } catch (BuildAttemptFailedException e) {
            recorder.recordFailedAttempt(action, e.target(), e.getMessage(), context,
                    e instanceof TestsFailedException t ? t : null);
            throw e;
        }
    }
}
