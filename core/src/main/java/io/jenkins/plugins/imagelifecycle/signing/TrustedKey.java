package io.jenkins.plugins.imagelifecycle.signing;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * A public key that signatures are checked against, as cosign writes it ({@code PUBLIC KEY}, PEM of the
 * DER SubjectPublicKeyInfo). Its id is the sha256 of that DER: the same key has the same id everywhere.
 */
public final class TrustedKey {
    private final PublicKey key;
    private final KeyKind kind;
    private final byte[] der;
    private final String keyId;

    TrustedKey(byte[] spki, String where) {
        this.der = spki.clone();
        this.kind = kindOf(SubjectPublicKeyInfo.getInstance(spki).getAlgorithm(), where);
        if (kind == KeyKind.RSA) {
            checkRsaSize(spki, where);
        }
        try {
            this.key = KeyFactory.getInstance(kind.keyAlgorithm()).generatePublic(new X509EncodedKeySpec(spki));
            this.keyId = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (GeneralSecurityException e) {
            throw new BadInputException("Public key " + where + " cannot be read: " + e.getMessage());
        }
    }

    public static TrustedKey read(Path file) {
        try {
            return fromPem(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("Public key file " + file + " does not exist; expected a PEM 'PUBLIC KEY' file, as cosign writes");
        } catch (IOException e) {
            throw new BadInputException("Public key file " + file + " cannot be read: " + e.getMessage());
        }
    }

    public static TrustedKey fromPem(String pem, String where) {
        PemObject object = pem(pem, where);
        if (object == null || !object.getType().equals("PUBLIC KEY")) {
            throw new BadInputException("Public key " + where + " is " + (object == null ? "not PEM" : "a PEM '" + object.getType() + "'")
                    + "; expected a PEM 'PUBLIC KEY', as cosign writes");
        }
        try {
            return new TrustedKey(object.getContent(), where);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException("Public key " + where + " is not a DER SubjectPublicKeyInfo: " + e.getMessage());
        }
    }

    static PemObject pem(String text, String where) {
        try (PemReader reader = new PemReader(new StringReader(text))) {
            return reader.readPemObject();
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("Key " + where + " is not complete PEM (" + e.getMessage() + "); expected a PEM key file");
        }
    }

    static KeyKind kindOf(AlgorithmIdentifier algorithm, String where) {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            ASN1ObjectIdentifier curve = algorithm.getParameters() instanceof ASN1ObjectIdentifier named ? named : null;
            if (!X9ObjectIdentifiers.prime256v1.equals(curve)) {
                String name = curve == null ? "with explicit parameters" : ECNamedCurveTable.getName(curve);
                throw new BadInputException("Key " + where + " is on the curve " + (name == null ? curve : name)
                        + "; expected P-256 (prime256v1)");
            }
            return KeyKind.ECDSA_P256;
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return KeyKind.ED25519;
        }
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return KeyKind.RSA;
        }
        throw new BadInputException("Key " + where + " has the algorithm " + oid + "; expected ECDSA P-256, Ed25519 or RSA");
    }

    private static void checkRsaSize(byte[] spki, String where) {
        try {
            int bits = ((RSAKeyParameters) PublicKeyFactory.createKey(spki)).getModulus().bitLength();
            if (bits < 2048 || bits > 4096) {
                throw new BadInputException("RSA key " + where + " has " + bits + " bits; expected 2048 to 4096");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public KeyKind kind() {
        return kind;
    }

    /** Whether {@code signature} is this key's over {@code payload}; a malformed signature is simply not. */
    public boolean verifies(byte[] payload, byte[] signature) {
        try {
            Signature s = Signature.getInstance(kind.signatureAlgorithm());
            s.initVerify(key);
            s.update(payload);
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public String pem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    PublicKey key() {
        return key;
    }

    @Override
    public String toString() {
        return kind + " key " + keyId;
    }
}
