package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.model.LifecycleException;
import io.jenkins.plugins.imagelifecycle.model.OperationFailedException;
import io.jenkins.plugins.imagelifecycle.model.UnavailableException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an image by digest from one registry location to another through the distribution API,
 * never through a Docker engine: the same repository needs only the manifest under a new tag; another
 * repository of the same registry mounts the blobs; another registry mounts them from a repository of
 * its own known to hold the image (an earlier promotion), else gets the blobs it lacks streamed. An index
 * has its children copied first. The digest at the target must equal the source digest.
 */
public final class ImageCopier {
    private final RegistryClient registry;
    private final PrintStream log;
    private final List<ImageRef> copiesElsewhere;

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
        // the registry's answer to the PUT names the digest it stored under the tag (checked against the bytes sent,
        // which are the source's, digest-checked when fetched): no second request to read it back
        Digest there = copyManifest(source, digest, target, target.tagOrLatest());
        if (!there.equals(digest)) {
            throw new OperationFailedException("Copy of " + digest + " to " + target + " left " + there
                    + " under the tag; the digest must not change");
        }
        return there;
    }

    /** Copies one manifest (and what it refers to) and puts it under {@code reference} (tag or digest). */
    public Digest copyManifest(ImageRef source, Digest digest, ImageRef target, String reference) {
        Manifest manifest = step("fetch manifest " + digest + " from " + source.name(),
                () -> registry.getManifest(source.withoutDigest().withDigest(digest)));
        if (ManifestContent.isIndex(manifest)) {
            for (Descriptor child : ManifestContent.children(manifest)) {
                copyManifest(source, child.digest(), target, child.digest().toString());
            }
        } else if (!sameRepository(source, target)) {
            for (Descriptor blob : ManifestContent.blobs(manifest)) {
                copyBlob(source, target, blob);
            }
        }
        return step("put manifest " + digest + " to " + target.name() + ":" + reference, () ->
                registry.putManifest(target, reference, ManifestContent.mediaType(manifest), manifest.bytes()));
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
