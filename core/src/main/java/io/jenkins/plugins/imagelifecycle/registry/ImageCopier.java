package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies an image by digest from one registry location to another through the distribution API,
 * never through a Docker engine: the same repository needs only the manifest under a new tag; another
 * repository of the same registry mounts the blobs; another registry mounts them from a repository of
 * its own known to hold the image (an earlier promotion), else gets the blobs it lacks streamed. An index
 * has its children copied first. The digest at the target must equal the source digest. Requests that do not
 * depend on each other (the blobs of a manifest, the manifests of an image's attestations) go out together.
 */
public final class ImageCopier {
    private final RegistryClient registry;
    private final PrintStream log;
    private final List<ImageRef> copiesElsewhere;
    private final ParallelRequests requests = new ParallelRequests();
    /** Keyed by target repository and digest: the attestations of an image share their empty config blob. */
    private final Map<String, CompletableFuture<Void>> blobCopies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Manifest>> fetches = new ConcurrentHashMap<>();
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    public ImageCopier(RegistryClient registry, PrintStream log) {
        this(registry, log, List.of());
    }

    /**
     * @param copiesElsewhere repositories known to hold the image already (earlier promotions): on the
     *                        target's registry they are mount sources, so no blob crosses registries again
     */
    public ImageCopier(RegistryClient registry, PrintStream log, List<ImageRef> copiesElsewhere) {
        this.registry = registry;
        this.log = log;
        this.copiesElsewhere = List.copyOf(copiesElsewhere);
    }

    /**
     * @param source the repository holding the image ({@code registry/repository}; tag ignored)
     * @param digest the image's manifest digest
     * @param target where it goes, with the tag to set
     */
    public Digest copy(ImageRef source, Digest digest, ImageRef target) {
        return await(copyAsync(source, digest, target));
    }

    /** As {@link #copy}, started: the caller starts what else can go beside it (the attestations) and then awaits both. */
    public CompletableFuture<Digest> copyAsync(ImageRef source, Digest digest, ImageRef target) {
        // the registry's answer to the PUT names the digest it stored under the tag (checked against the bytes sent,
        // which are the source's, digest-checked when fetched): no second request to read it back
        return copyManifestAsync(source, digest, target, target.tagOrLatest(), DONE).thenApply(there -> {
            if (!there.equals(digest)) {
                throw new OperationFailedException("Copy of " + digest + " to " + target + " left " + there
                        + " under the tag; the digest must not change");
            }
            return there;
        });
    }

    /** Copies one manifest (and what it refers to) and puts it under {@code reference} (tag or digest). */
    public Digest copyManifest(ImageRef source, Digest digest, ImageRef target, String reference) {
        return await(copyManifestAsync(source, digest, target, reference, DONE));
    }

    /**
     * Starts copying one manifest: it is fetched, its blobs (or an index's children) are copied side by side, each blob
     * once for every manifest of this copier that names it, and the manifest is put once they are there and
     * {@code putAfter} has completed (an attestation after its image: whoever finds one finds its subject).
     */
    public CompletableFuture<Digest> copyManifestAsync(ImageRef source, Digest digest, ImageRef target, String reference,
                                                       CompletableFuture<?> putAfter) {
        return prefetch(source, digest).thenCompose(manifest -> {
            CompletableFuture<?> contents;
            if (ManifestContent.isIndex(manifest)) {
                contents = CompletableFuture.allOf(ManifestContent.children(manifest).stream()
                        .map(child -> copyManifestAsync(source, child.digest(), target, child.digest().toString(), DONE))
                        .toArray(CompletableFuture[]::new));
            } else if (sameRepository(source, target)) {
                contents = DONE;
            } else {
                contents = CompletableFuture.allOf(ManifestContent.blobs(manifest).stream().map(blob -> blobCopy(source, target, blob))
                        .toArray(CompletableFuture[]::new));
            }
            return requests.then(CompletableFuture.allOf(contents, putAfter), ready -> step("put manifest " + digest + " to "
                    + target.name() + ":" + reference, () -> put(source, target, reference, manifest)));
        });
    }

    /**
     * Starts fetching a manifest this copier will copy, once for every call: a caller fetches while it still checks
     * whether the copy may go ahead (reads only), and the copy then starts from the manifest in hand.
     */
    public CompletableFuture<Manifest> prefetch(ImageRef source, Digest digest) {
        return fetches.computeIfAbsent(source.registry() + "/" + source.repository() + "@" + digest,
                key -> requests.start(() -> step("fetch manifest " + digest + " from " + source.name(),
                        () -> registry.getManifest(source.withoutDigest().withDigest(digest)))));
    }

    /** The value of a copy started here, or its failure as the step that failed names it, once none of it still runs. */
    public <T> T await(CompletableFuture<T> copy) {
        return requests.await(copy);
    }

    /** Starts {@code read} beside this copier's requests (a failure awaits it too). */
    public <T> CompletableFuture<T> start(java.util.function.Supplier<T> read) {
        return requests.start(read);
    }

    /** The copy of one blob into the target's repository, started once however many manifests name it. */
    private CompletableFuture<Void> blobCopy(ImageRef source, ImageRef target, Descriptor blob) {
        return blobCopies.computeIfAbsent(target.registry() + "/" + target.repository() + "@" + blob.digest(),
                key -> requests.start(() -> {
                    copyBlob(source, target, blob);
                    return null;
                }));
    }

    /**
     * Puts the manifest; a blob it names that the registry calls unknown although it was copied is copied again (a
     * HEAD, then a mount or stream as needed) and the manifest put again, twice at most: distribution 2.8's
     * filesystem storage truncates and rewrites a blob's link when another promotion mounts the same blob into the
     * same repository, and a manifest put in that moment is refused with MANIFEST_BLOB_UNKNOWN.
     */
    private Digest put(ImageRef source, ImageRef target, String reference, Manifest manifest) {
        for (int attempt = 1; ; attempt++) {
            try {
                return registry.putManifest(target, reference, ManifestContent.mediaType(manifest), manifest.bytes());
            } catch (ManifestBlobUnknownException e) {
                if (attempt == 3 || ManifestContent.isIndex(manifest) || sameRepository(source, target)) {
                    throw e;
                }
                log.println("Registry " + target.registry() + " did not find a blob of " + manifest.digest() + " just copied ("
                        + e.getMessage() + "): checking its blobs and putting it again");
                ManifestContent.blobs(manifest).forEach(blob -> copyBlob(source, target, blob));
            }
        }
    }

    private void copyBlob(ImageRef source, ImageRef target, Descriptor blob) {
        String what = "blob " + blob.digest() + " (" + blob.size() + " bytes)";
        // asked first although a mount would answer 201 either way: distribution 2.8 (filesystem storage) rewrites the
        // link of a blob mounted again, and a concurrent promotion's PUT of a manifest then meets "blob unknown" (400)
        if (step("check " + what + " in " + target.name(), () -> registry.hasBlob(target, blob.digest()))) {
            return;
        }
        for (ImageRef from : mountSources(source, target)) {
            boolean mounted = step("mount " + what + " into " + target.name(),
                    () -> registry.mountBlob(target, blob.digest(), from));
            if (mounted) {
                log.println("Mounted " + what + " from " + from.repository());
                return;
            }
            log.println("Registry refused to mount " + what + " from " + from.repository());
        }
        step("stream " + what + " from " + source.name() + " to " + target.name(), () -> {
            registry.uploadBlob(target, blob.digest(), blob.size(), () -> registry.openBlob(source, blob.digest()));
            return null;
        });
        log.println("Copied " + what + " to " + target.name());
    }

    /** Repositories of the target's registry to mount from: the source itself when it is there, then known copies. */
    private List<ImageRef> mountSources(ImageRef source, ImageRef target) {
        List<ImageRef> sources = new ArrayList<>();
        if (source.registry().equals(target.registry())) {
            sources.add(source);
        }
        for (ImageRef copy : copiesElsewhere) {
            if (copy.registry().equals(target.registry()) && !copy.repository().equals(target.repository())
                    && sources.stream().noneMatch(s -> s.repository().equals(copy.repository()))) {
                sources.add(copy);
            }
        }
        return sources;
    }

    private static boolean sameRepository(ImageRef a, ImageRef b) {
        return a.registry().equals(b.registry()) && a.repository().equals(b.repository());
    }

    /** Runs one step; a failure names the step so that a person knows where the copy stopped. */
    private static <T> T step(String name, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (UnavailableException e) {
            throw new UnavailableException("Copy stopped at step '" + name + "': " + e.getMessage(), e);
        } catch (LifecycleException e) {
            throw new OperationFailedException("Copy stopped at step '" + name + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new OperationFailedException("Copy stopped at step '" + name + "': " + e, e);
        }
    }
}
