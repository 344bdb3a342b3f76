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

    /**
     * A capability's name as the engine takes it ({@code sys_admin}, {@code SYS_ADMIN} and {@code CAP_SYS_ADMIN} alike
     * become {@code SYS_ADMIN}), or empty when the engine knows no such capability: the engine's own list lives here,
     * beside the only code that talks to it.
     */
    public static java.util.Optional<String> capability(String name) {
        String normal = name.toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", "");
        try {
            com.github.dockerjava.api.model.Capability.valueOf(normal);
            return java.util.Optional.of(normal);
        } catch (IllegalArgumentException unknown) {
            return java.util.Optional.empty();
        }
    }
}
