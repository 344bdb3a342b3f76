package io.jenkins.plugins.imagelifecycle.docker;

import java.util.List;

/**
 * How a test container is created beyond its image and command: the engine API's {@code User},
 * {@code Tty}, {@code HostConfig.Privileged}, {@code HostConfig.CapAdd} and {@code HostConfig.Binds}.
 *
 * @param user         null or empty for the image's own user
 * @param capabilities capability names as Docker takes them ({@code SYS_ADMIN}, without {@code CAP_})
 * @param binds        {@code host:container[:options]}, as {@code docker run -v}
 */
public record ContainerSettings(String user, boolean privileged, boolean tty, List<String> capabilities, List<String> binds) {
    public static final ContainerSettings DEFAULT = new ContainerSettings(null, false, false, List.of(), List.of());

    public ContainerSettings {
        capabilities = List.copyOf(capabilities);
        binds = List.copyOf(binds);
    }
}
