package io.jenkins.plugins.imagelifecycle.provenance;

import io.jenkins.plugins.imagelifecycle.model.Role;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OCI image annotations (as labels) and our own lifecycle labels that every built image carries. */
public final class OciLabels {
    public static final String CREATED = "org.opencontainers.image.created";
    public static final String SOURCE = "org.opencontainers.image.source";
    public static final String REVISION = "org.opencontainers.image.revision";
    public static final String VERSION = "org.opencontainers.image.version";
    public static final String TITLE = "org.opencontainers.image.title";
    public static final String BASE_NAME = "org.opencontainers.image.base.name";
    public static final String BASE_DIGEST = "org.opencontainers.image.base.digest";
    public static final String ROLE = "io.jenkins.image-lifecycle.role";
    public static final String PARENT = "io.jenkins.image-lifecycle.parent";

    private OciLabels() {
    }

    /**
     * @param baseName   the reference the image was built FROM, as a tag (for people)
     * @param baseDigest the digest it resolved to (the truth)
     */
    public static Map<String, String> of(Role role, String title, String version, String baseName,
                                         String baseDigest, SourceInfo source, Instant created) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(CREATED, created.toString());
        labels.put(TITLE, title);
        labels.put(VERSION, version);
        labels.put(BASE_NAME, baseName);
        labels.put(BASE_DIGEST, baseDigest);
        labels.put(ROLE, role.id());
        if (source.remoteUrl() != null) {
            labels.put(SOURCE, source.remoteUrl());
        }
        if (source.commit() != null) {
            labels.put(REVISION, source.commit());
        }
        return labels;
    }
}
