package io.jenkins.plugins.imagelifecycle.support;

/** This tool's version, as documents it writes (SBOMs) name it: the core jar's, or "development" outside a jar. */
public final class ToolVersion {
    private ToolVersion() {
    }

    public static String current() {
        String version = ToolVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
