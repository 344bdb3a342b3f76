package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.Digest;

/** Where cosign keeps an image's signatures: the tag {@code sha256-<hex>.sig} in the image's repository. */
public final class SignatureTag {
    private SignatureTag() {
    }

    public static String of(Digest image) {
        return image.algorithm() + "-" + image.hex() + ".sig";
    }
}
