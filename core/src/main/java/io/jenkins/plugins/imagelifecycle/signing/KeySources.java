package io.jenkins.plugins.imagelifecycle.signing;

import io.jenkins.plugins.imagelifecycle.config.SigningSettings;
import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keys as a configuration names them: a private key with its passphrase's source, and trusted public keys. */
public final class KeySources {
    private KeySources() {
    }

    /** The configured signing key, read now; empty when none is configured. */
    public static Optional<SigningKey> signingKey(SigningSettings settings, Map<String, String> environment) {
        if (settings.key() == null || settings.key().isBlank()) {
            return Optional.empty();
        }
        if (settings.passphraseEnv() != null && settings.passphraseFile() != null) {
            throw new BadInputException("signing: passphraseEnv and passphraseFile are both set; expected one of them");
        }
        Passphrase passphrase = settings.passphraseEnv() != null ? Passphrase.fromEnvironment(settings.passphraseEnv(), environment)
                : settings.passphraseFile() != null ? Passphrase.fromFile(Path.of(settings.passphraseFile())) : Passphrase.none();
        return Optional.of(SigningKey.read(Path.of(settings.key()), passphrase));
    }

    /** Each entry a PEM public key, or the path of a file holding one. */
    public static List<TrustedKey> trusted(List<String> entries) {
        return entries.stream().map(e -> e.strip().startsWith("-----BEGIN") ? TrustedKey.fromPem(e, "(configured PEM)")
                : TrustedKey.read(Path.of(e.strip()))).toList();
    }
}
