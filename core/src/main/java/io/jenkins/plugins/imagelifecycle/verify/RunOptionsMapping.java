package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A spec's {@code containerRunOptions} mapped onto the engine API's container create call, and the
 * environment it adds to every command test: the env file's entries, then the runner's own values of the
 * {@code envVars} names, both without empty values, as CST's docker driver adds them.
 */
final class RunOptionsMapping {
    private RunOptionsMapping() {
    }

    /** @throws IllegalArgumentException naming a capability Docker does not know or a malformed bind */
    static ContainerSettings settings(TestSpec.ContainerRunOptions options) {
        if (options == null) {
            return ContainerSettings.DEFAULT;
        }
        List<String> capabilities = new ArrayList<>();
        for (String name : options.capabilities()) {
            capabilities.add(ContainerSettings.capability(name).orElseThrow(() -> new IllegalArgumentException(
                    "containerRunOptions capability '" + name + "' is not a Linux capability Docker knows; expected a name "
                            + "such as sys_admin or NET_ADMIN")));
        }
        for (String bind : options.bindMounts()) {
            if (!bind.matches("[^:]+:/[^:]*(:[a-zA-Z,]+)?")) {
                throw new IllegalArgumentException("containerRunOptions bind mount '" + bind
                        + "' is not host-path:container-path[:options]");
            }
        }
        return new ContainerSettings(options.user(), options.privileged(), options.allocateTty(), capabilities, options.bindMounts());
    }

    /**
     * @param hostEnvironment the runner's own environment, where {@code envVars} names are looked up
     * @param workingDirectory what a relative {@code envFile} is resolved against, as CST resolves it against its own
     * @throws IllegalArgumentException when the env file cannot be read
     */
    static List<String> environment(TestSpec.ContainerRunOptions options, Map<String, String> hostEnvironment,
                                    Path workingDirectory) {
        List<String> env = new ArrayList<>();
        if (options == null) {
            return env;
        }
        if (options.envFile() != null && !options.envFile().isEmpty()) {
            Path file = workingDirectory.resolve(options.envFile());
            try {
                EnvFile.parse(Files.readString(file)).forEach((k, v) -> {
                    if (!k.isEmpty() && !v.isEmpty()) {
                        env.add(k + "=" + v);
                    }
                });
            } catch (IOException e) {
                throw new IllegalArgumentException("containerRunOptions envFile '" + options.envFile() + "' cannot be read at "
                        + file.toAbsolutePath() + "; expected a file of KEY=value lines");
            }
        }
        for (String name : options.envVars()) {
            String value = hostEnvironment.get(name);
            if (value != null && !value.isEmpty()) {
                env.add(name + "=" + value);
            }
        }
        return env;
    }
}
