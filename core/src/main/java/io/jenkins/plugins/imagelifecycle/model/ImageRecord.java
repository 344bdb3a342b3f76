package io.jenkins.plugins.imagelifecycle.model;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the catalog knows of one image, identified by its manifest digest.
 *
 * @param digest       the registry manifest digest (the identity)
 * @param repository   where it was first pushed, {@code registry/path}
 * @param tags         every reference that pointed at it when it was recorded
 * @param role         blessed, augmented, host …
 * @param parentDigest the exact digest it was built FROM, when the parent is in the catalog or pinned
 * @param baseRef      the upstream base reference as the user gave it (a tag; what the watch re-resolves)
 * @param baseDigest   the digest the base reference resolved to at build time
 * @param createdAt    when it was recorded
 * @param stage        built, tested, failed …
 * @param eolDate      end of life, once deprecated
 * @param sourceCommit the application source commit, when known
 * @param builtBy      the actor that built it (user, or job and build)
 * @param provenance   the in-toto statement as JSON
 */
public record ImageRecord(
        String digest,
        String repository,
        List<String> tags,
        Role role,
        String parentDigest,
        String baseRef,
        String baseDigest,
        Instant createdAt,
        Stage stage,
        LocalDate eolDate,
        String sourceCommit,
        String builtBy,
        String provenance) implements Serializable {

    public ImageRecord {
        tags = List.copyOf(tags);
    }

    public ImageRecord withStage(Stage newStage) {
        return new ImageRecord(digest, repository, tags, role, parentDigest, baseRef, baseDigest, createdAt,
                newStage, eolDate, sourceCommit, builtBy, provenance);
    }

    public ImageRecord withTags(List<String> newTags) {
        return new ImageRecord(digest, repository, newTags, role, parentDigest, baseRef, baseDigest, createdAt,
                stage, eolDate, sourceCommit, builtBy, provenance);
    }

    /** The first tag, or the repository pinned by digest. */
    public String displayRef() {
        return tags.isEmpty() ? repository + "@" + digest : tags.get(0);
    }
}
