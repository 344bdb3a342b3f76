package io.jenkins.plugins.imagelifecycle.signing;

/** The key types cosign signs with, each with the JDK signature algorithm it uses over the payload. */
public enum KeyKind {
    /** ECDSA on P-256 over SHA-256, the signature ASN.1 DER encoded: cosign's default. */
    ECDSA_P256("EC", "SHA256withECDSA"),
    ED25519("Ed25519", "Ed25519"),
    /** RSA PKCS#1 v1.5 over SHA-256, 2048 to 4096 bits. */
    RSA("RSA", "SHA256withRSA");

    private final String keyAlgorithm;
    private final String signatureAlgorithm;

    KeyKind(String keyAlgorithm, String signatureAlgorithm) {
        this.keyAlgorithm = keyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    String keyAlgorithm() {
        return keyAlgorithm;
    }

    String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
