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
final class ControllerSigningKey {
    private ControllerSigningKey() {
    }

    static Optional<SigningKey> load(String keyCredentialsId, String passphraseCredentialsId) {
        if (keyCredentialsId == null) {
            return Optional.empty();
        }
        FileCredentials file = SystemCredentials.byId(FileCredentials.class, keyCredentialsId).orElseThrow(() -> new BadInputException(
                "Signing key credential '" + keyCredentialsId + "' is not a Secret file credential of the system store"));
        Passphrase passphrase = passphraseCredentialsId == null ? Passphrase.none()
                : Passphrase.of(SystemCredentials.byId(StringCredentials.class, passphraseCredentialsId).orElseThrow(() -> new BadInputException(
                        "Signing passphrase credential '" + passphraseCredentialsId + "' is not a Secret text credential of the system store"))
                        .getSecret().getPlainText());
        try (InputStream in = file.getContent()) {
            return Optional.of(SigningKey.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII), passphrase,
                    "credential " + keyCredentialsId));
        } catch (IOException e) {
            throw new UncheckedIOException("Signing key credential '" + keyCredentialsId + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
