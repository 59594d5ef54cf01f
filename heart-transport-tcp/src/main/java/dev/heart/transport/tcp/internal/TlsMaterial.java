package dev.heart.transport.tcp.internal;

import dev.heart.api.HeartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Where a side's TLS key material comes from and how its engines are set up, validated by
 * {@code TlsConfig.Builder}: an identity (a PEM certificate chain and PKCS#8 private key, or a
 * PKCS#12 file), trust (PEM CA certificates, a PKCS#12 trust store, or the JDK's default), the
 * protocols, client authentication and server name verification. {@link #loadContext()} reads the
 * files each time it is called, so a server reloads its certificate by calling it again.
 * Immutable; thread-safe. Passwords are kept as given and never printed.
 */
public final class TlsMaterial {
    /** Client authentication a server asks for. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    private final Path certificateChainPem;
    private final Path privateKeyPem;
    private final Path keyStoreP12;
    private final char[] keyStorePassword;
    private final Path trustPem;
    private final Path trustStoreP12;
    private final char[] trustStorePassword;
    private final List<String> protocols;
    private final ClientAuth clientAuth;
    private final boolean verifyServerName;

    /**
     * @param certificateChainPem PEM certificates, leaf first; with {@code privateKeyPem}, or null
     * @param privateKeyPem       PEM PKCS#8 private key ({@code BEGIN PRIVATE KEY}), or null
     * @param keyStoreP12         a PKCS#12 file holding one key entry, or null
     * @param keyStorePassword    its password, or null
     * @param trustPem            PEM CA certificates to trust, or null
     * @param trustStoreP12       a PKCS#12 trust store, or null (both null: the JDK's default trust)
     * @param trustStorePassword  its password, or null
     * @param protocols           enabled protocols, for instance TLSv1.3 and TLSv1.2
     * @param clientAuth          what a server asks of clients
     * @param verifyServerName    whether a client checks the server's certificate against the host
     */
    public TlsMaterial(Path certificateChainPem, Path privateKeyPem, Path keyStoreP12, char[] keyStorePassword,
            Path trustPem, Path trustStoreP12, char[] trustStorePassword, List<String> protocols,
            ClientAuth clientAuth, boolean verifyServerName) {
        this.certificateChainPem = certificateChainPem;
        this.privateKeyPem = privateKeyPem;
        this.keyStoreP12 = keyStoreP12;
        this.keyStorePassword = keyStorePassword == null ? null : keyStorePassword.clone();
        this.trustPem = trustPem;
        this.trustStoreP12 = trustStoreP12;
        this.trustStorePassword = trustStorePassword == null ? null : trustStorePassword.clone();
        this.protocols = List.copyOf(protocols);
        this.clientAuth = clientAuth;
        this.verifyServerName = verifyServerName;
    }

    /** A client's defaults: the JDK's trust, TLS 1.3 and 1.2, server name verification. */
    static TlsMaterial clientDefaults() {
        return new TlsMaterial(null, null, null, null, null, null, null, List.of("TLSv1.3", "TLSv1.2"),
                ClientAuth.NONE, true);
    }

    /** True when an identity (certificate and key) is configured. */
    public boolean hasIdentity() {
        return certificateChainPem != null || keyStoreP12 != null;
    }

    /**
     * Reads the key material and builds a context.
     *
     * @throws HeartException naming the file and what is wrong with it
     */
    public SSLContext loadContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), trustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new HeartException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** A client engine for {@code host:port}: server name indication and, by default, verification. */
    SSLEngine clientEngine(SSLContext context, String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols.toArray(String[]::new));
        if (verifyServerName) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && host.indexOf(':') < 0) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** A server engine asking clients for what {@code clientAuth} says. */
    SSLEngine serverEngine(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(protocols.toArray(String[]::new));
        parameters.setNeedClientAuth(clientAuth == ClientAuth.REQUIRED);
        if (clientAuth == ClientAuth.OPTIONAL) {
            parameters.setWantClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public String toString() {
        return "TlsMaterial[identity=" + (certificateChainPem != null ? certificateChainPem
                : keyStoreP12 != null ? keyStoreP12 : "none") + ", trust="
                + (trustPem != null ? trustPem : trustStoreP12 != null ? trustStoreP12 : "JDK default")
                + ", protocols=" + protocols + ", clientAuth=" + clientAuth + ", verifyServerName="
                + verifyServerName + "]";
    }

    private KeyManager[] keyManagers() throws GeneralSecurityException {
        KeyStore store;
        char[] password;
        if (keyStoreP12 != null) {
            password = keyStorePassword == null ? new char[0] : keyStorePassword;
            store = loadP12(keyStoreP12, password);
        } else if (certificateChainPem != null) {
            password = new char[0];
            List<X509Certificate> chain = readCertificates(certificateChainPem);
            if (chain.isEmpty()) {
                throw new HeartException("no certificate in " + certificateChainPem);
            }
            store = KeyStore.getInstance("PKCS12");
            loadEmpty(store);
            PrivateKey key = readPrivateKey(privateKeyPem);
            checkKeyMatches(key, chain.get(0), privateKeyPem, certificateChainPem);
            store.setKeyEntry("identity", key, password, chain.toArray(Certificate[]::new));
        } else {
            return null;
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException {
        KeyStore store;
        if (trustStoreP12 != null) {
            store = loadP12(trustStoreP12, trustStorePassword == null ? new char[0] : trustStorePassword);
        } else if (trustPem != null) {
            store = KeyStore.getInstance("PKCS12");
            loadEmpty(store);
            List<X509Certificate> certificates = readCertificates(trustPem);
            if (certificates.isEmpty()) {
                throw new HeartException("no certificate in " + trustPem);
            }
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
        } else {
            return null; // the JDK's default trust
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static void loadEmpty(KeyStore store) throws GeneralSecurityException {
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyStore loadP12(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new HeartException("cannot read the PKCS#12 file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The certificates of a PEM file, read as UTF-8: each {@code -----BEGIN CERTIFICATE-----} block,
     * whatever text (comments, in any language) lies around the blocks.
     */
    private static List<X509Certificate> readCertificates(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            String begin = "-----BEGIN CERTIFICATE-----";
            String end = "-----END CERTIFICATE-----";
            for (int at = text.indexOf(begin); at >= 0; at = text.indexOf(begin, at)) {
                int stop = text.indexOf(end, at);
                if (stop < 0) {
                    throw new CertificateException("a certificate block has no " + end);
                }
                byte[] der = Base64.getMimeDecoder().decode(text.substring(at + begin.length(), stop));
                certificates.add((X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(der)));
                at = stop + end.length();
            }
            return certificates;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new HeartException("cannot read PEM certificates from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails unless {@code key} belongs to {@code certificate}: a challenge signed with the key must
     * verify with the certificate's public key (also on a reload, so that a key replaced before its
     * certificate is refused at once and the old pair stays in use).
     */
    private static void checkKeyMatches(PrivateKey key, X509Certificate certificate, Path keyFile, Path chainFile) {
        String algorithm = key.getAlgorithm();
        String signature = switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> algorithm; // Ed25519, Ed448, EdDSA: the key's algorithm is its signature
        };
        boolean matches;
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            java.security.Signature signer = java.security.Signature.getInstance(signature);
            java.security.Signature verifier = java.security.Signature.getInstance(signature);
            if (algorithm.equals("RSASSA-PSS")) {
                java.security.spec.PSSParameterSpec pss = new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1);
                signer.setParameter(pss);
                verifier.setParameter(pss);
            }
            signer.initSign(key);
            signer.update(challenge);
            byte[] signed = signer.sign();
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signed);
        } catch (GeneralSecurityException | RuntimeException e) {
            matches = false;
        }
        if (!matches) {
            throw new HeartException("the private key in " + keyFile + " does not belong to the first certificate in "
                    + chainFile + " (" + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    private static PrivateKey readPrivateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HeartException("cannot read the private key " + file + ": " + e, e);
        }
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new HeartException("no PKCS#8 private key (-----BEGIN PRIVATE KEY-----) in " + file
                    + "; convert one with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next one
            }
        }
        throw new HeartException("the private key in " + file + " is not an RSA, EC or EdDSA PKCS#8 key");
    }
}
