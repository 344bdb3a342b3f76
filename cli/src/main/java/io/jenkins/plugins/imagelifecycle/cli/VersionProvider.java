package io.jenkins.plugins.imagelifecycle.cli;

import picocli.CommandLine;

/** The version of the jar this runs from. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ImageLifecycleCli.class.getPackage().getImplementationVersion();
        return new String[] {"image-lifecycle " + (version == null ? "development build" : version)};
    }
}
