package io.jenkins.plugins.imagelifecycle.cli;

import io.jenkins.plugins.imagelifecycle.config.LifecycleConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The configuration file: registries, environments and signing. Also for commands that talk to no engine or registry. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Registries and environments (YAML; default: $IMAGE_LIFECYCLE_CONFIG or ~/.image-lifecycle/config.yaml)")
    Path config;

    /** The file given, else $IMAGE_LIFECYCLE_CONFIG's (both must exist), else the default file or, without one, the defaults. */
    LifecycleConfig config() {
        if (config != null) {
            return LifecycleConfig.load(config, true);
        }
        String env = System.getenv("IMAGE_LIFECYCLE_CONFIG");
        if (env != null && !env.isBlank()) {
            return LifecycleConfig.load(Path.of(env), true);
        }
        return LifecycleConfig.load(Path.of(System.getProperty("user.home"), ".image-lifecycle", "config.yaml"), false);
    }
}
