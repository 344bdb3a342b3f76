package io.jenkins.plugins.imagelifecycle.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.imagelifecycle.advisories.Severity;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.model.ImageRef;
import java.io.Serializable;

/**
 * One environment images are promoted into, in order.
 *
 * @param target    naming rule of the copy: {@code {registry}}, {@code {repository}} (path),
 *                  {@code {name}} (last path component), {@code {tag}}, {@code {env}}
 * @param protectedEnv promotion needs an approver, recorded with the event
 * @param allowSkip an image may enter without standing in the previous environment first
 * @param blockSeverity no image with an open finding at or above it ({@code low} … {@code critical}) enters,
 *                  unless each such finding is waived; null: no vulnerability gate
 * @param trustedKeys public keys (PEM files or PEM text): no image enters without a valid signature by one
 *                  of them; empty: no signature gate. Several at once rotate a key.
 * @param countersign this environment's own key (CLI: a file and its passphrase's source): it signs every copy
 *                  promoted here besides the factory's key ("promoted to prod by this factory"); null: none
 * @param soak      how long an image must have stood, verified, in the previous environment before it may enter
 *                  this one ({@code 30m}, {@code 24h}, {@code 2d}); null: no wait
 * @param verify    what proves the image works here, run after each promotion; only a verified placement is
 *                  eligible for the next environment; null: nothing to run, the placement counts as verified
 * @param trustedTesters Jenkins jobs or folders (besides the job that built the image) whose passing test runs
 *                  count for this environment when it is protected; a run recorded by any other job does not
 */
public record Environment(@JsonProperty("name") String name, @JsonProperty("target") String target,
                          @JsonProperty("protected") boolean protectedEnv, @JsonProperty("allowSkip") boolean allowSkip,
                          @JsonProperty("blockSeverity") String blockSeverity,
                          @JsonProperty("trustedKeys") java.util.List<String> trustedKeys,
                          @JsonProperty("countersign") SigningSettings countersign,
                          @JsonProperty("soak") String soak,
                          @JsonProperty("verify") VerifySettings verify,
                          @JsonProperty("trustedTesters") java.util.List<String> trustedTesters)
        implements Serializable {

    public static final String DEFAULT_TARGET = "{registry}/{env}/{repository}:{tag}";

    public Environment {
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new BadInputException("Environment name '" + name + "' is not valid; expected lower-case letters, digits, '-' and '_'");
        }
        target = target == null || target.isBlank() ? DEFAULT_TARGET : target;
        if (blockSeverity != null && !blockSeverity.isBlank()) {
            try {
                blockSeverity = Severity.parse(blockSeverity).id();
            } catch (IllegalArgumentException e) {
                throw new BadInputException("Environment " + name + ": blockSeverity: " + e.getMessage());
            }
        } else {
            blockSeverity = null;
        }
        trustedKeys = trustedKeys == null ? java.util.List.of() : java.util.List.copyOf(trustedKeys);
        Durations.parse(soak, "Environment " + name + ": soak");
        soak = soak == null || soak.isBlank() ? null : soak.strip();
        verify = verify == null || verify.isEmpty() ? null : verify;
        trustedTesters = trustedTesters == null ? java.util.List.of() : trustedTesters.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    public Environment(String name, String target, boolean protectedEnv, boolean allowSkip, String blockSeverity,
                       java.util.List<String> trustedKeys, SigningSettings countersign, String soak, VerifySettings verify) {
        this(name, target, protectedEnv, allowSkip, blockSeverity, trustedKeys, countersign, soak, verify, java.util.List.of());
    }

    public Environment(String name, String target, boolean protectedEnv, boolean allowSkip, String blockSeverity,
                       java.util.List<String> trustedKeys, SigningSettings countersign) {
        this(name, target, protectedEnv, allowSkip, blockSeverity, trustedKeys, countersign, null, null);
    }

    /** The soak time; zero when none is set. */
    public java.time.Duration soakDuration() {
        java.time.Duration d = Durations.parse(soak, "Environment " + name + ": soak");
        return d == null ? java.time.Duration.ZERO : d;
    }

    /** A copy with this soak and verification (how front ends that build environments field by field add them). */
    public Environment withSoakAndVerify(String soak, VerifySettings verify) {
        return new Environment(name, target, protectedEnv, allowSkip, blockSeverity, trustedKeys, countersign, soak, verify, trustedTesters);
    }

    /** A copy that also counts these jobs' or folders' test runs when it is protected. */
    public Environment withTrustedTesters(java.util.List<String> testers) {
        return new Environment(name, target, protectedEnv, allowSkip, blockSeverity, trustedKeys, countersign, soak, verify, testers);
    }

    public Environment(String name, String target, boolean protectedEnv, boolean allowSkip) {
        this(name, target, protectedEnv, allowSkip, null, java.util.List.of(), null);
    }

    public Environment(String name, String target, boolean protectedEnv, boolean allowSkip, String blockSeverity) {
        this(name, target, protectedEnv, allowSkip, blockSeverity, java.util.List.of(), null);
    }

    public Environment(String name, String target, boolean protectedEnv, boolean allowSkip, String blockSeverity,
                       java.util.List<String> trustedKeys) {
        this(name, target, protectedEnv, allowSkip, blockSeverity, trustedKeys, null);
    }

    /** Where an image of {@code source} (registry/repository:tag) goes in this environment. */
    public ImageRef targetFor(ImageRef source) {
        String path = source.repository();
        String ref = target.replace("{registry}", source.registry())
                .replace("{repository}", path)
                .replace("{name}", path.substring(path.lastIndexOf('/') + 1))
                .replace("{tag}", source.tagOrLatest())
                .replace("{env}", name);
        if (ref.contains("{")) {
            throw new BadInputException("Target rule '" + target + "' of environment " + name + " has an unknown placeholder; "
                    + "expected {registry}, {repository}, {name}, {tag}, {env}");
        }
        return ImageRef.parse(ref);
    }
}
