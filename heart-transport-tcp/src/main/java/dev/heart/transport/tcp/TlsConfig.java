package dev.heart.transport.tcp;

import dev.heart.api.internal.Checks;
import dev.heart.transport.tcp.internal.TlsMaterial;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * TLS settings of a client ({@link TcpTransport.Builder#tls}) or a server
 * ({@link TcpRegistryServer.Builder#tls}), carried out by the JDK's {@code SSLEngine} inside the
 * transport's NIO loops. Key material is PEM (a certificate chain and a PKCS#8 private key) or
 * PKCS#12. By default: TLS 1.3 and 1.2, the JDK's default trust, server name verification on,
 * no client certificate asked for.
 *
 * <p>{@link Builder#build()} reads the files once, so bad material fails at once with a
 * {@link dev.heart.api.HeartException} naming the file; a server reads them again on
 * {@link TcpRegistryServer#reloadTls()}. Immutable; thread-safe; passwords never printed.
 */
public final class TlsConfig {
    private final TlsMaterial material;

    private TlsConfig(TlsMaterial material) {
        this.material = material;
    }

    /** What a server asks of its clients' certificates. */
    public enum ClientAuth {
        /** No client certificate asked for (the default). */
        NONE,
        /** Asked for; a client without one is served. */
        OPTIONAL,
        /** Required (mutual TLS): a client without a trusted certificate fails the handshake. */
        REQUIRED
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder with the defaults; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client's defaults: the JDK's default trust, server name verification on; never null.
     *
     * @return the default client settings
     */
    public static TlsConfig defaults() {
        return builder().build();
    }

    /** The material, for the transport's own use. */
    TlsMaterial material() {
        return material;
    }

    /** True when a certificate and key are set (a server needs them). */
    boolean hasIdentity() {
        return material.hasIdentity();
    }

    @Override
    public String toString() {
        return "TlsConfig" + material.toString().substring("TlsMaterial".length());
    }

    /** Settings of {@link TlsConfig}. Not thread-safe. */
    public static final class Builder {
        private static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

        private Path certificateChainPem;
        private Path privateKeyPem;
        private Path keyStore;
        private char[] keyStorePassword;
        private Path trustPem;
        private Path trustStore;
        private char[] trustStorePassword;
        private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");
        private ClientAuth clientAuth = ClientAuth.NONE;
        private boolean verifyServerName = true;

        private Builder() {
        }

        /**
         * This side's certificate and key, PEM: {@code certificateChain} holds the certificate
         * first, then its intermediates; {@code privateKey} a PKCS#8 key ({@code BEGIN PRIVATE KEY}).
         * Both not null. Replaces an earlier {@link #identityPkcs12}.
         *
         * @param certificateChain the PEM file of the certificate chain; not null; read by {@link #build()}
         * @param privateKey the PEM file of the PKCS#8 private key; not null; read by {@link #build()}
         * @return this builder
         */
        public Builder identity(Path certificateChain, Path privateKey) {
            this.certificateChainPem = Checks.notNull(certificateChain, "certificateChain");
            this.privateKeyPem = Checks.notNull(privateKey, "privateKey");
            this.keyStore = null;
            return this;
        }

        /**
         * This side's certificate and key from a PKCS#12 file; both not null. Replaces {@link #identity}.
         *
         * @param file the PKCS#12 key store; not null; read by {@link #build()}
         * @param password the key store's password; not null; copied, so the caller may clear its array
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
         * Trust the CA certificates of a PEM file (instead of the JDK's default); not null.
         *
         * @param caCertificates the PEM file of the trusted CA certificates; not null; read by {@link #build()}
         * @return this builder
         */
        public Builder trust(Path caCertificates) {
            this.trustPem = Checks.notNull(caCertificates, "caCertificates");
            this.trustStore = null;
            return this;
        }

        /**
         * Trust the certificates of a PKCS#12 trust store (instead of the JDK's default); not null.
         *
         * @param file the PKCS#12 trust store; not null; read by {@link #build()}
         * @param password the trust store's password; not null; copied, so the caller may clear its array
         * @return this builder
         */
        public Builder trustPkcs12(Path file, char[] password) {
            this.trustStore = Checks.notNull(file, "file");
            this.trustStorePassword = Checks.notNull(password, "password").clone();
            this.trustPem = null;
            return this;
        }

        /**
         * The protocols enabled, among {@code TLSv1.3} and {@code TLSv1.2}; default both.
         *
         * @param names the protocol names, at least one; not null
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
         * Server: what it asks of client certificates; not null; default {@link ClientAuth#NONE}.
         * Anything but {@code NONE} needs explicit trust ({@link #trust} or {@link #trustPkcs12}):
         * {@link #build()} refuses it without, for the JDK's default trust would let in a client
         * certificate from any public CA.
         *
         * @param auth what the server asks of client certificates; not null
         * @return this builder
         */
        public Builder clientAuth(ClientAuth auth) {
            this.clientAuth = Checks.notNull(auth, "auth");
            return this;
        }

        /**
         * Client: whether the server's certificate must name the target's host (its subject
         * alternative names); default true. Turn off only for tests.
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
         * @return the immutable settings; never null
         * @throws dev.heart.api.HeartException naming the file that cannot be read or used
         * @throws IllegalStateException when client authentication is on without explicit trust
         */
        public TlsConfig build() {
            if (clientAuth != ClientAuth.NONE && trustPem == null && trustStore == null) {
                throw new IllegalStateException("clientAuth " + clientAuth + " needs explicit trust (trust(...) or"
                        + " trustPkcs12(...)): with the JDK's default trust any client certificate from a public CA"
                        + " would get in");
            }
            TlsMaterial material = new TlsMaterial(certificateChainPem, privateKeyPem, keyStore, keyStorePassword,
                    trustPem, trustStore, trustStorePassword, protocols,
                    TlsMaterial.ClientAuth.valueOf(clientAuth.name()), verifyServerName);
            material.loadContext();
            return new TlsConfig(material);
        }
    }
}
