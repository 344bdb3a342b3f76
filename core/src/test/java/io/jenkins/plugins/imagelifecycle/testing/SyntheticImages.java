package io.jenkins.plugins.imagelifecycle.testing;

import io.jenkins.plugins.imagelifecycle.catalog.Catalog;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRecord;
import io.jenkins.plugins.imagelifecycle.model.LifecycleEvent;
import io.jenkins.plugins.imagelifecycle.model.Role;
import io.jenkins.plugins.imagelifecycle.model.Stage;
import io.jenkins.plugins.imagelifecycle.support.Json;
import java.time.Instant;
import java.util.List;

/**
 * Catalog records for tests that exercise catalog rules (lineage, retirement, policy) without building:
 * each is recorded through {@link Catalog#recordBuilt} with a birth event, as bless and augment do.
 */
public final class SyntheticImages {
    private final Catalog catalog;
    private final String registryHost;

    public SyntheticImages(Catalog catalog, String registryHost) {
        this.catalog = catalog;
        this.registryHost = registryHost;
    }

    public ImageRecord blessed(String name, String baseRef, String baseDigest, Instant created) {
        return record(name, Digest.sha256(("digest of " + name).getBytes()).toString(), Role.BLESSED, baseDigest, baseRef,
                baseDigest, created);
    }

    public ImageRecord child(String name, ImageRecord parent, Instant created) {
        return record(name, Digest.sha256(("digest of " + name).getBytes()).toString(), Role.AUGMENTED, parent.digest(),
                parent.baseRef(), parent.baseDigest(), created);
    }

    /** @param name {@code repository:tag}, under this registry */
    public ImageRecord record(String name, String digest, Role role, String parent, String baseRef, String baseDigest,
                              Instant created) {
        String repository = registryHost + "/" + name.replaceFirst(":[^:/]+$", "");
        ImageRecord image = new ImageRecord(digest, repository, List.of(registryHost + "/" + name), role, parent, baseRef,
                baseDigest, created, Stage.BUILT, null, "c0ffee" + Math.abs(name.hashCode()), "job/" + name + "#1", "{}");
        String details = Json.write(Json.object().put("invocationId", "https://ci.example/job/" + name + "/1/"));
        LifecycleEvent birth = new LifecycleEvent(0, created, "job/" + name + "#1", role == Role.BLESSED ? "bless" : "augment",
                digest, image.tags().get(0), null, Stage.BUILT, "test record", details);
        return catalog.recordBuilt(image, birth);
    }
}
