package io.jenkins.plugins.imagelifecycle.registry;

import io.jenkins.plugins.imagelifecycle.model.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** An SSL context that trusts the certificates of one PEM file: a registry signed by a private CA. */
final class TrustedCa {
    private TrustedCa() {
    }

    static SSLContext sslContext(Path caFile) {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new BadInputException("CA file '" + caFile + "' holds no certificate; expected PEM certificates");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new BadInputException("CA file '" + caFile + "' cannot be read: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new BadInputException("CA file '" + caFile + "' is not a PEM certificate file: " + e.getMessage());
        }
    }
}
