package io.jenkins.plugins.imagelifecycle.plugin.config;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import io.jenkins.plugins.imagelifecycle.plugin.SystemCredentials;
import io.jenkins.plugins.imagelifecycle.signing.Passphrase;
import io.jenkins.plugins.imagelifecycle.signing.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The factory's signing key as the controller holds it: the PEM from a Secret file credential and its
 * passphrase from a Secret text credential, read from the system store when a step needs them, never
 * written anywhere (the key signs on the controller; agents never see it).
 */
public final class ControllerSigningKey {
    /** Finds a credential of a type by id, in some store. */
    private interface Lookup {
        <C extends com.cloudbees.plugins.credentials.common.StandardCredentials> Optional<C> find(Class<C> type, String id);
    }

    private ControllerSigningKey() {
    }

    /** The global configuration's key, from the system store. */
    static Optional<SigningKey> load(String keyCredentialsId, String passphraseCredentialsId) {
        return load(SystemCredentials::byId, "the system store", keyCredentialsId, passphraseCredentialsId);
    }

    /**
     * A step's own key when it names one, looked up as the build sees credentials (its folder's, the global
     * ones); else the global configuration's.
     */
    public static Optional<SigningKey> forBuild(hudson.model.Run<?, ?> run, String keyCredentialsId, String passphraseCredentialsId) {
        if (keyCredentialsId == null || keyCredentialsId.isBlank()) {
            return ImageLifecycleConfiguration.get().signingKey();
        }
        Lookup build = new Lookup() {
            @Override
            public <C extends com.cloudbees.plugins.credentials.common.StandardCredentials> Optional<C> find(Class<C> type, String id) {
                return Optional.ofNullable(com.cloudbees.plugins.credentials.CredentialsProvider.findCredentialById(id, type, run));
            }
        };
        return load(build, run.getExternalizableId(), keyCredentialsId,
                passphraseCredentialsId == null || passphraseCredentialsId.isBlank() ? null : passphraseCredentialsId);
    }

    private static Optional<SigningKey> load(Lookup lookup, String where, String keyCredentialsId, String passphraseCredentialsId) {
        if (keyCredentialsId == null) {
            return Optional.empty();
        }
        FileCredentials file = lookup.find(FileCredentials.class, keyCredentialsId).orElseThrow(() -> new BadInputException(
                "Signing key credential '" + keyCredentialsId + "' is not a Secret file credential visible to " + where));
        Passphrase passphrase = passphraseCredentialsId == null ? Passphrase.none()
                : Passphrase.of(lookup.find(StringCredentials.class, passphraseCredentialsId).orElseThrow(() -> new BadInputException(
                        "Signing passphrase credential '" + passphraseCredentialsId + "' is not a Secret text credential visible to " + where))
                        .getSecret().getPlainText());
        try (InputStream in = file.getContent()) {
            return Optional.of(SigningKey.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII), passphrase,
                    "credential " + keyCredentialsId));
        } catch (IOException e) {
            throw new UncheckedIOException("Signing key credential '" + keyCredentialsId + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
