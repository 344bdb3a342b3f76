package io.jenkins.plugins.imagelifecycle.bench;

import io.jenkins.plugins.imagelifecycle.contents.LayeredImages;
import io.jenkins.plugins.imagelifecycle.model.Digest;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import io.jenkins.plugins.imagelifecycle.registry.RegistryClient;
import io.jenkins.plugins.imagelifecycle.signing.ImageSignatures;
import io.jenkins.plugins.imagelifecycle.signing.SignatureVerification;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What signing and verifying cost per image in a warm JVM, against a loopback registry: signing is the
 * payload, the signature and its storage under the {@code .sig} tag (blob, config, manifest); verifying is
 * reading that manifest and payload back and checking them. Each round uses its own image, so no {@code .sig}
 * grows. WARM_UP unmeasured rounds, then ROUNDS measured; medians. A benchmark main, not a test
 * (bench/signing.sh starts the registry).
 *
 * <p>Arguments: registry host, ROUNDS, WARM_UP.
 */
public final class SigningBench {
    private SigningBench() {
    }

    public static void main(String[] args) {
        String host = args[0];
        int rounds = Integer.parseInt(args[1]);
        int warmUp = Integer.parseInt(args[2]);
        RegistryClient registry = new io.jenkins.plugins.imagelifecycle.config.LifecycleConfig(List.of(
                new io.jenkins.plugins.imagelifecycle.config.RegistrySettings(host, true, null, null, null)), List.of())
                .registryClient(h -> java.util.Optional.empty());
        SigningKey key = SigningKey.generate();
        ImageSignatures signatures = new ImageSignatures(registry);
        List<ImageRef> images = new ArrayList<>();
        for (int i = 0; i < rounds + warmUp; i++) {
            images.add(LayeredImages.pushDebian(registry, ImageRef.parse(host + "/bench/signed-" + i + ":1"),
                    "Package: p" + i + "\nStatus: install ok installed\nVersion: 1\nArchitecture: all\n"));
        }
        List<Double> sign = new ArrayList<>();
        List<Double> verify = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ImageRef image = images.get(i);
            Digest digest = image.digest().orElseThrow();
            long t0 = System.nanoTime();
            signatures.sign(image.withoutDigest(), digest, key, "bench", Instant.now());
            long t1 = System.nanoTime();
            boolean trusted = SignatureVerification.verify(signatures.list(image.withoutDigest(), digest), image.withoutDigest(), digest,
                    List.of(key.publicKey())).trusted();
            long t2 = System.nanoTime();
            if (!trusted) {
                throw new IllegalStateException("the signature just made does not verify");
            }
            if (i >= warmUp) {
                sign.add((t1 - t0) / 1e6);
                verify.add((t2 - t1) / 1e6);
            }
        }
        sign.sort(Double::compare);
        verify.sort(Double::compare);
        System.out.printf("sign (payload, ECDSA P-256, blob + config + manifest under the .sig tag): median %.2f ms, p90 %.2f ms of %d%n",
                sign.get(sign.size() / 2), sign.get(sign.size() * 9 / 10), sign.size());
        System.out.printf("verify (read the .sig manifest and payload, check): median %.2f ms, p90 %.2f ms of %d%n",
                verify.get(verify.size() / 2), verify.get(verify.size() * 9 / 10), verify.size());
    }
}
