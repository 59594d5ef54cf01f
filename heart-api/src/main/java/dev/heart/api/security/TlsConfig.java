package dev.heart.api.security;

import dev.heart.api.HeartException;
import dev.heart.api.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings, the same for every transport of heart (tcp, etcd, Eureka) and every side (a
 * client, a registry server): where this side's key material comes from (its <em>identity</em>),
 * which certificates it trusts, the protocols, client authentication and server name
 * verification.
 *
 * <p>Key material comes from PEM files ({@link Builder#identity}, {@link Builder#trust}), PKCS#12
 * files ({@link Builder#identityPkcs12}, {@link Builder#trustPkcs12}), or a ready
 * {@link SSLContext} ({@link Builder#sslContext}) that the application manages itself. Files are
 * read by {@link Builder#build()}, so bad material fails at once naming the file; they are read
 * again by each {@link #newContext()}, so a renewed certificate is picked up when a transport or
 * server reloads (for instance {@code TcpRegistryServer.reloadTls()}), without a restart.
 *
 * <p>Defaults: TLS 1.3 and 1.2, the JDK's default trust, server name verification on, no identity,
 * no client certificate asked for. Client authentication ({@link ClientAuth#OPTIONAL} or
 * {@link ClientAuth#REQUIRED}) needs explicit trust: the JDK's default authorities would let in
 * any client with a certificate from a public CA, so {@link Builder#build()} refuses it.
 *
 * <p>Immutable; thread-safe; passwords are copied and never printed.
 */
public final class TlsConfig {
    private static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private final @Nullable Path certificateChainPem;
    private final @Nullable Path privateKeyPem;
    private final @Nullable Path keyStoreP12;
    private final char @Nullable [] keyStorePassword;
    private final @Nullable Path trustPem;
    private final @Nullable Path trustStoreP12;
    private final char @Nullable [] trustStorePassword;
    private final @Nullable SSLContext sslContext;
    private final List<String> protocols;
    private final ClientAuth clientAuth;
    private final boolean verifyServerName;

    private TlsConfig(Builder b) {
        this.certificateChainPem = b.certificateChainPem;
        this.privateKeyPem = b.privateKeyPem;
        this.keyStoreP12 = b.keyStore;
        this.keyStorePassword = b.keyStorePassword == null ? null : b.keyStorePassword.clone();
        this.trustPem = b.trustPem;
        this.trustStoreP12 = b.trustStore;
        this.trustStorePassword = b.trustStorePassword == null ? null : b.trustStorePassword.clone();
        this.sslContext = b.sslContext;
        this.protocols = b.protocols;
        this.clientAuth = b.clientAuth;
        this.verifyServerName = b.verifyServerName;
    }

    /** What a server asks of its clients' certificates. */
    public enum ClientAuth {
        /** No client certificate asked for (the default). */
        NONE,
        /** Asked for; a client without one is served. Needs explicit trust. */
        OPTIONAL,
        /** Required (mutual TLS): a client without a trusted certificate fails the handshake. Needs explicit trust. */
        REQUIRED
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client's defaults: the JDK's default trust, server name verification on, no identity.
     *
     * @return the default settings
     */
    public static TlsConfig defaults() {
        return builder().build();
    }

    /**
     * A context with the current key material: the files are read now (so a later call picks up
     * renewed files), or the {@link Builder#sslContext given context} is returned as it is.
     *
     * @return a context
     * @throws HeartException naming the file that cannot be read or used
     */
    public SSLContext newContext() {
        if (sslContext != null) {
            return sslContext;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keyManagers().map(KeyManagerFactory::getKeyManagers).orElse(null),
                    trustManagers().map(TrustManagerFactory::getTrustManagers).orElse(null),
                    new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new HeartException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * This side's identity read from its files now, for transports whose TLS library takes key
     * managers; empty without an identity file (no identity, or a {@link Builder#sslContext given context}).
     *
     * @return the key managers of the identity
     * @throws HeartException naming the file that cannot be read, or a key that does not match its certificate
     */
    public Optional<KeyManagerFactory> keyManagers() {
        try {
            KeyStore store;
            char[] password;
            if (keyStoreP12 != null) {
                password = Objects.requireNonNull(keyStorePassword); // set with keyStoreP12
                store = loadP12(keyStoreP12, password, "identityPkcs12");
            } else if (certificateChainPem != null) {
                password = new char[0];
                List<X509Certificate> chain = Pem.certificates(certificateChainPem, "identity certificateChain");
                PrivateKey key = Pem.privateKey(Objects.requireNonNull(privateKeyPem), "identity privateKey");
                Pem.checkPair(key, chain.get(0), "identity privateKey", "identity certificateChain");
                store = emptyStore();
                store.setKeyEntry("identity", key, password, chain.toArray(Certificate[]::new));
            } else {
                return Optional.empty();
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return Optional.of(factory);
        } catch (GeneralSecurityException e) {
            throw new HeartException("cannot use the TLS identity: " + e.getMessage(), e);
        }
    }

    /**
     * The trusted certificates read from their files now; empty for the JDK's default trust (or a
     * {@link Builder#sslContext given context}).
     *
     * @return the trust managers
     * @throws HeartException naming the file that cannot be read
     */
    public Optional<TrustManagerFactory> trustManagers() {
        try {
            KeyStore store;
            if (trustStoreP12 != null) {
                store = loadP12(trustStoreP12, Objects.requireNonNull(trustStorePassword), "trustPkcs12");
            } else if (trustPem != null) {
                store = emptyStore();
                List<X509Certificate> certificates = Pem.certificates(trustPem, "trust");
                for (int i = 0; i < certificates.size(); i++) {
                    store.setCertificateEntry("ca-" + i, certificates.get(i));
                }
            } else {
                return Optional.empty();
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return Optional.of(factory);
        } catch (GeneralSecurityException e) {
            throw new HeartException("cannot use the TLS trust: " + e.getMessage(), e);
        }
    }

    /**
     * The context the application gave, which transports use as it is; empty when heart builds
     * the context from files.
     *
     * @return the given context
     */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /**
     * Whether this side has an identity (a certificate and key) to present; a given
     * {@link SSLContext} counts as one.
     *
     * @return true when a server can use these settings
     */
    public boolean hasIdentity() {
        return certificateChainPem != null || keyStoreP12 != null || sslContext != null;
    }

    /**
     * Whether trust was configured (files or a given context), rather than the JDK's default.
     *
     * @return true unless the JDK's default authorities are trusted
     */
    public boolean hasExplicitTrust() {
        return trustPem != null || trustStoreP12 != null || sslContext != null;
    }

    /**
     * The protocols enabled.
     *
     * @return among {@code TLSv1.3} and {@code TLSv1.2}, at least one; unmodifiable
     */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * What a server asks of its clients.
     *
     * @return the client authentication
     */
    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /**
     * Whether a client checks that the server's certificate names the target's host.
     *
     * @return true by default
     */
    public boolean verifyServerName() {
        return verifyServerName;
    }

    @Override
    public String toString() {
        String identity = certificateChainPem != null
                ? certificateChainPem.toString()
                : keyStoreP12 != null ? keyStoreP12.toString() : sslContext != null ? "SSLContext" : "none";
        String trust = trustPem != null
                ? trustPem.toString()
                : trustStoreP12 != null ? trustStoreP12.toString() : sslContext != null ? "SSLContext" : "JDK default";
        return "TlsConfig[identity=" + identity + ", trust=" + trust + ", protocols=" + protocols + ", clientAuth="
                + clientAuth + ", verifyServerName=" + verifyServerName + "]";
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static KeyStore loadP12(Path file, char[] password, String setting) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new HeartException(setting + ": cannot read the PKCS#12 file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Settings of a {@link TlsConfig}. Not thread-safe; {@link #build()} may be called repeatedly. */
    public static final class Builder {
        private @Nullable Path certificateChainPem;
        private @Nullable Path privateKeyPem;
        private @Nullable Path keyStore;
        private char @Nullable [] keyStorePassword;
        private @Nullable Path trustPem;
        private @Nullable Path trustStore;
        private char @Nullable [] trustStorePassword;
        private @Nullable SSLContext sslContext;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean verifyServerName = true;

        private Builder() {}

        /**
         * This side's certificate and key, PEM: {@code certificateChain} holds the certificate
         * first, then its intermediates; {@code privateKey} an unencrypted key in PKCS#8
         * ({@code PRIVATE KEY}: RSA, EC, Ed25519, RSASSA-PSS), PKCS#1 ({@code RSA PRIVATE KEY}) or
         * SEC1 ({@code EC PRIVATE KEY}) form, which must match the certificate. Replaces an earlier
         * {@link #identityPkcs12}.
         *
         * @param certificateChain the PEM certificate chain; read by {@link #build()} and each {@link #newContext()}
         * @param privateKey the PEM private key; read like the chain
         * @return this builder
         */
        public Builder identity(Path certificateChain, Path privateKey) {
            this.certificateChainPem = Checks.notNull(certificateChain, "certificateChain");
            this.privateKeyPem = Checks.notNull(privateKey, "privateKey");
            this.keyStore = null;
            this.keyStorePassword = null;
            return this;
        }

        /**
         * This side's certificate and key from a PKCS#12 file. Replaces {@link #identity}.
         *
         * @param file the PKCS#12 key store holding one key entry
         * @param password its password; copied, so the caller may clear its array
         * @return this builder
         */
        public Builder identityPkcs12(Path file, char[] password) {
            this.keyStore = Checks.notNull(file, "file");
            this.keyStorePassword = Checks.notNull(password, "password").clone();
            this.certificateChainPem = null;
            this.privateKeyPem = null;
            return this;
        }

        /**
         * Trust the CA certificates of a PEM file instead of the JDK's default authorities.
         * Replaces {@link #trustPkcs12}.
         *
         * @param caCertificates the PEM file of trusted CA certificates
         * @return this builder
         */
        public Builder trust(Path caCertificates) {
            this.trustPem = Checks.notNull(caCertificates, "caCertificates");
            this.trustStore = null;
            this.trustStorePassword = null;
            return this;
        }

        /**
         * Trust the certificates of a PKCS#12 trust store instead of the JDK's default
         * authorities. Replaces {@link #trust}.
         *
         * @param file the PKCS#12 trust store
         * @param password its password; copied
         * @return this builder
         */
        public Builder trustPkcs12(Path file, char[] password) {
            this.trustStore = Checks.notNull(file, "file");
            this.trustStorePassword = Checks.notNull(password, "password").clone();
            this.trustPem = null;
            return this;
        }

        /**
         * A context the application built and manages (its identity and trust), used as it is;
         * the protocols, client authentication and server name verification of these settings
         * still apply to each connection. Cannot be combined with identity or trust files.
         *
         * @param context the context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = Checks.notNull(context, "sslContext");
            return this;
        }

        /**
         * The protocols enabled, among {@code TLSv1.3} and {@code TLSv1.2}; default both.
         *
         * @param names at least one
         * @return this builder
         * @throws IllegalArgumentException when {@code names} is empty or names another protocol
         */
        public Builder protocols(String... names) {
            Checks.notNull(names, "names");
            if (names.length == 0) {
                throw new IllegalArgumentException("protocols must name at least one of " + PROTOCOLS);
            }
            for (String name : names) {
                if (!PROTOCOLS.contains(name)) {
                    throw new IllegalArgumentException("protocol '" + name + "' is not one of " + PROTOCOLS);
                }
            }
            this.protocols = List.of(names);
            return this;
        }

        /**
         * Server: what it asks of client certificates; default {@link ClientAuth#NONE}. Anything
         * else needs {@link #trust} (or a given context).
         *
         * @param auth what to ask of client certificates
         * @return this builder
         */
        public Builder clientAuth(ClientAuth auth) {
            this.clientAuth = Checks.notNull(auth, "auth");
            return this;
        }

        /**
         * Client: whether the server's certificate must name the target's host; default true.
         * Turn off only for tests.
         *
         * @param verify true to check the server's certificate against the target's host
         * @return this builder
         */
        public Builder verifyServerName(boolean verify) {
            this.verifyServerName = verify;
            return this;
        }

        /**
         * The settings, after reading the files once.
         *
         * @return the immutable settings
         * @throws IllegalArgumentException when client authentication is on without explicit trust,
         *                                  or files are combined with a given context
         * @throws HeartException naming a file that cannot be read or used
         */
        public TlsConfig build() {
            if (sslContext != null
                    && (certificateChainPem != null || keyStore != null || trustPem != null || trustStore != null)) {
                throw new IllegalArgumentException("TLS: give either an sslContext or identity/trust files, not both");
            }
            if (clientAuth != ClientAuth.NONE && trustPem == null && trustStore == null && sslContext == null) {
                throw new IllegalArgumentException(
                        "TLS: clientAuth " + clientAuth + " needs explicit trust (trust(...) or "
                                + "trustPkcs12(...)): the JDK's default authorities would accept any client certificate of a public CA");
            }
            TlsConfig config = new TlsConfig(this);
            config.newContext();
            return config;
        }
    }
}
