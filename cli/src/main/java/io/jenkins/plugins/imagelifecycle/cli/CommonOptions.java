package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--catalog", paramLabel = "LOCATION",
            description = "Catalog directory or jdbc: URL (default: $IMAGE_LIFECYCLE_CATALOG or ~/.image-lifecycle/catalog)")
    String catalog;

    @Option(names = "--json", description = "Print exactly one JSON object on standard output; logs go to standard error")
    boolean json;

    @Option(names = "--verbose", description = "Show stack traces of failures")
    boolean verbose;

    String catalogLocation() {
        if (catalog != null) {
            if (catalog.isBlank()) {
                throw new BadInputException("--catalog '" + catalog + "' is empty; expected a directory or a jdbc: URL");
            }
            return catalog;
        }
        String env = System.getenv("IMAGE_LIFECYCLE_CATALOG");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return Path.of(System.getProperty("user.home"), ".image-lifecycle", "catalog").toString();
    }

    Catalog openCatalog() {
        return Catalog.open(catalogLocation());
    }
}
