package io.jenkins.plugins.imagelifecycle.signing;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The factory's private key: PKCS#8 PEM (plain or encrypted) or cosign's encrypted key file, ECDSA P-256,
 * Ed25519 or RSA 2048–4096. It signs and names itself by its public key's id; its material never leaves
 * this object (toString shows the id only).
 */
public final class SigningKey {
    private final PrivateKey key;
    private final TrustedKey publicKey;

    private SigningKey(PrivateKey key, TrustedKey publicKey) {
        this.key = key;
        this.publicKey = publicKey;
    }

    public static SigningKey read(Path file, Passphrase passphrase) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("Signing key file " + file + " does not exist; expected a PEM private key");
        }
        try {
            return fromPem(Files.readString(file, StandardCharsets.UTF_8), passphrase, file.toString());
        } catch (IOException e) {
            throw new BadInputException("Signing key file " + file + " cannot be read: " + e.getMessage());
        }
    }

    public static SigningKey fromPem(String pem, Passphrase passphrase, String where) {
        PemObject object = TrustedKey.pem(pem, where);
        if (object == null) {
            throw new BadInputException("Signing key " + where + " is not PEM; expected a PEM private key");
        }
        byte[] pkcs8 = switch (object.getType()) {
            case "PRIVATE KEY" -> object.getContent();
            case "ENCRYPTED PRIVATE KEY" -> decryptPkcs8(object.getContent(), passphrase, where);
            case CosignKeyFile.SIGSTORE_TYPE, CosignKeyFile.COSIGN_TYPE -> CosignKeyFile.decrypt(object.getContent(), passphrase.bytes(), where);
            default -> throw new BadInputException("Signing key " + where + " is a PEM '" + object.getType() + "'; expected 'PRIVATE KEY', "
                    + "'ENCRYPTED PRIVATE KEY' (PKCS#8) or '" + CosignKeyFile.SIGSTORE_TYPE + "' (cosign)");
        };
        return fromPkcs8(pkcs8, where);
    }

    /** A new ECDSA P-256 key, as {@code cosign generate-key-pair} makes. */
    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new SigningKey(pair.getPrivate(), new TrustedKey(pair.getPublic().getEncoded(), "(generated)"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot make a P-256 key: " + e.getMessage(), e);
        }
    }

    /** The private key in cosign's encrypted file format, PEM. */
    public String cosignPem(Passphrase passphrase) {
        byte[] body = CosignKeyFile.encrypt(key.getEncoded(), passphrase.bytes());
        String base64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(body);
        // the older type name: skopeo 1.9 (containers/image 5.23) reads only this one; cosign reads both
        return "-----BEGIN " + CosignKeyFile.COSIGN_TYPE + "-----\n" + base64 + "\n-----END " + CosignKeyFile.COSIGN_TYPE + "-----\n";
    }

    private static byte[] decryptPkcs8(byte[] content, Passphrase passphrase, String where) {
        try {
            PrivateKeyInfo info = new PKCS8EncryptedPrivateKeyInfo(content).decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(new BouncyCastleProvider()).build(passphrase.chars()));
            return info.getEncoded();
        } catch (PKCSException e) {
            throw new BadInputException("Signing key " + where + " cannot be decrypted with the passphrase given: wrong passphrase, or the file was altered");
        } catch (OperatorCreationException | IOException | IllegalArgumentException e) {
            throw new BadInputException("Signing key " + where + " is not an encrypted PKCS#8 key: " + e.getMessage());
        }
    }

    private static SigningKey fromPkcs8(byte[] pkcs8, String where) {
        PrivateKeyInfo info;
        AsymmetricKeyParameter parameters;
        try {
            info = PrivateKeyInfo.getInstance(pkcs8);
            parameters = PrivateKeyFactory.createKey(info);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new BadInputException("Signing key " + where + " is not a PKCS#8 private key: " + e.getMessage());
        }
        KeyKind kind = TrustedKey.kindOf(info.getPrivateKeyAlgorithm(), where);
        AsymmetricKeyParameter publicParameters = switch (kind) {
            case ECDSA_P256 -> {
                ECPrivateKeyParameters ec = (ECPrivateKeyParameters) parameters;
                yield new ECPublicKeyParameters(ec.getParameters().getG().multiply(ec.getD()).normalize(), ec.getParameters());
            }
            case ED25519 -> ((Ed25519PrivateKeyParameters) parameters).generatePublicKey();
            case RSA -> {
                RSAPrivateCrtKeyParameters rsa = (RSAPrivateCrtKeyParameters) parameters;
                yield new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
            }
        };
        try {
            TrustedKey publicKey = new TrustedKey(SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicParameters).getEncoded(), where);
            PrivateKey key = KeyFactory.getInstance(kind.keyAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new SigningKey(key, publicKey);
        } catch (IOException | GeneralSecurityException e) {
            throw new BadInputException("Signing key " + where + " cannot be read: " + e.getMessage());
        }
    }

    public byte[] sign(byte[] payload) {
        try {
            Signature s = Signature.getInstance(publicKey.kind().signatureAlgorithm());
            s.initSign(key);
            s.update(payload);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing with " + publicKey + " failed: " + e.getMessage(), e);
        }
    }

    public TrustedKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return publicKey.keyId();
    }

    @Override
    public String toString() {
        return "signing " + publicKey;
    }
}
