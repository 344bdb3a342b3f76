package io.jenkins.plugins.imagelifecycle.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;

/**
 * The factory's signing key and the keys its signatures are checked against, as the CLI's configuration
 * names them: paths (or PEM text), the passphrase from a variable or a file, never in the file itself.
 *
 * @param key            the private key file (PKCS#8 PEM or cosign's encrypted key); null: images are not signed
 * @param passphraseEnv  the environment variable holding its passphrase
 * @param passphraseFile the file holding its passphrase
 * @param trustedKeys    public keys (files or PEM) that {@code verify} checks when given none
 */
public record SigningSettings(@JsonProperty("key") String key, @JsonProperty("passphraseEnv") String passphraseEnv,
                              @JsonProperty("passphraseFile") String passphraseFile,
                              @JsonProperty("trustedKeys") List<String> trustedKeys) implements Serializable {
    public SigningSettings {
        trustedKeys = trustedKeys == null ? List.of() : List.copyOf(trustedKeys);
    }

    public static SigningSettings none() {
        return new SigningSettings(null, null, null, List.of());
    }
}
