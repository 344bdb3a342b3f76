package io.jenkins.plugins.imagelifecycle.verify;

import io.jenkins.plugins.imagelifecycle.docker.ContainerSettings;
import java.util.List;
import java.util.Map;

/**
 * What every test of one spec file shares, worked out once as CST's driver works it out.
 *
 * @param globalEnv    {@code globalEnvVars} as {@code KEY=value}, each value expanded against the image's environment
 * @param expansionEnv what {@code $VAR} in a command, its arguments and a file path is expanded from: the image's
 *                     environment with {@code globalEnvVars} over it
 * @param settings     {@code containerRunOptions} for the engine, or the reason they cannot be used
 * @param runOptionsEnv the environment {@code containerRunOptions} adds to command tests
 * @param problem      why the run options cannot be applied (every command test then fails with it), else null
 */
record SpecContext(List<String> globalEnv, Map<String, String> expansionEnv, ContainerSettings settings,
                   List<String> runOptionsEnv, String problem) {
}
