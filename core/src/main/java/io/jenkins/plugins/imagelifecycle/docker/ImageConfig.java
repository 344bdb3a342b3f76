package io.jenkins.plugins.imagelifecycle.docker;

import java.util.List;
import java.util.Map;

/**
 * An image's configuration as the engine reports it: what metadata tests check.
 *
 * @param entrypoint null when the image sets none
 * @param cmd        null when the image sets none
 */
public record ImageConfig(List<String> env, Map<String, String> labels, List<String> exposedPorts,
                          List<String> volumes, List<String> entrypoint, List<String> cmd, String workdir, String user) {
}
