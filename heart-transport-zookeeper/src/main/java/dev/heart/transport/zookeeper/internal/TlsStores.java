package dev.heart.transport.zookeeper.internal;

import dev.heart.api.HeartException;
import dev.heart.api.security.TlsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.jspecify.annotations.Nullable;

/**
 * The shared {@link TlsConfig} as ZooKeeper's Netty client takes it: that client reads its key and
 * trust material from store files named in its {@link ZKClientConfig} and cannot be given an
 * {@link javax.net.ssl.SSLContext}. The material (PEM or PKCS#12, read once when the transport is
 * built) is kept in memory and written, when the first {@code zks://} session opens, to two
 * PKCS#12 files in a new temporary directory readable by the owner only ({@code rwx------}),
 * locked with a random password that exists only in memory; {@link #close()} deletes them. A
 * configuration without an identity and with the JDK's default trust writes nothing.
 */
final class TlsStores implements AutoCloseable {
    private static final String[] KEY_TYPES = {"RSA", "EC", "EdDSA", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};

    private final @Nullable Identity identity; // null: no client certificate
    private final @Nullable List<X509Certificate> trust; // null: the JDK's default authorities
    private final boolean verifyServerName;
    private final String protocols;
    private final char[] password;
    private @Nullable Path directory; // guarded by this
    private boolean closed; // guarded by this

    private record Identity(PrivateKey key, X509Certificate[] chain) {}

    private TlsStores(
            @Nullable Identity identity,
            @Nullable List<X509Certificate> trust,
            boolean verifyServerName,
            String protocols) {
        this.identity = identity;
        this.trust = trust;
        this.verifyServerName = verifyServerName;
        this.protocols = protocols;
        this.password = randomPassword();
    }

    /**
     * Reads the material of {@code tls} now.
     *
     * @param tls the shared settings; not null
     * @return the stores; never null
     * @throws IllegalArgumentException for a given {@code SSLContext}, which ZooKeeper cannot use
     * @throws HeartException naming a file that cannot be read or used
     */
    static TlsStores of(TlsConfig tls) {
        if (tls.sslContext().isPresent()) {
            throw new IllegalArgumentException("tls: the ZooKeeper transport cannot use a given SSLContext "
                    + "(ZooKeeper's client reads key and trust store files); give identity(...) or "
                    + "identityPkcs12(...) and trust(...) or trustPkcs12(...) instead");
        }
        try {
            Identity identity = null;
            if (tls.keyManagers().isPresent()) {
                identity = identityOf(tls.keyManagers().get().getKeyManagers());
            }
            List<X509Certificate> trust = null;
            if (tls.trustManagers().isPresent()) {
                trust = trustOf(tls.trustManagers().get().getTrustManagers());
            }
            return new TlsStores(identity, trust, tls.verifyServerName(), String.join(",", tls.protocols()));
        } catch (GeneralSecurityException e) {
            throw new HeartException("tls: cannot prepare the key material for ZooKeeper: " + e.getMessage(), e);
        }
    }

    private static Identity identityOf(KeyManager[] managers) throws GeneralSecurityException {
        for (KeyManager manager : managers) {
            if (manager instanceof X509KeyManager keys) {
                for (String type : KEY_TYPES) {
                    String[] aliases = keys.getClientAliases(type, null);
                    if (aliases != null && aliases.length > 0) {
                        return new Identity(keys.getPrivateKey(aliases[0]), keys.getCertificateChain(aliases[0]));
                    }
                }
            }
        }
        throw new GeneralSecurityException("the identity holds no client key and certificate");
    }

    private static List<X509Certificate> trustOf(TrustManager[] managers) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager trusted) {
                certificates.addAll(Arrays.asList(trusted.getAcceptedIssuers()));
            }
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("the trust holds no certificate");
        }
        return List.copyOf(certificates);
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    /**
     * Sets the TLS settings of a {@code zks://} session in {@code config}, writing the store files
     * at the first call.
     *
     * @param config the session's configuration
     * @throws UncheckedIOException when the files cannot be written
     * @throws IllegalStateException after {@link #close()}
     */
    void configure(ZKClientConfig config) {
        try (ClientX509Util x509 = new ClientX509Util()) {
            config.setProperty(x509.getSslHostnameVerificationEnabledProperty(), Boolean.toString(verifyServerName));
            config.setProperty(x509.getSslEnabledProtocolsProperty(), protocols);
            if (identity == null && trust == null) {
                return;
            }
            Path dir = files();
            String secret = new String(password);
            if (trust != null) {
                config.setProperty(
                        x509.getSslTruststoreLocationProperty(),
                        dir.resolve("trust.p12").toString());
                config.setProperty(x509.getSslTruststoreTypeProperty(), "PKCS12");
                config.setProperty(x509.getSslTruststorePasswdProperty(), secret);
            }
            if (identity != null) {
                config.setProperty(
                        x509.getSslKeystoreLocationProperty(),
                        dir.resolve("identity.p12").toString());
                config.setProperty(x509.getSslKeystoreTypeProperty(), "PKCS12");
                config.setProperty(x509.getSslKeystorePasswdProperty(), secret);
            }
        }
    }

    /** The directory of the store files, written at the first call. */
    private synchronized Path files() {
        if (closed) {
            throw new IllegalStateException("the ZooKeeper transport is closed");
        }
        if (directory != null) {
            return directory;
        }
        Path dir = null;
        try {
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            dir = posix
                    ? Files.createTempDirectory(
                            "heart-zk-tls-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory("heart-zk-tls-");
            if (!posix) {
                ownerOnly(dir);
            }
            dir.toFile().deleteOnExit(); // a backstop for a transport never closed; close() deletes them
            if (trust != null) {
                KeyStore store = emptyStore();
                for (int i = 0; i < trust.size(); i++) {
                    store.setCertificateEntry("ca-" + i, trust.get(i));
                }
                write(store, dir.resolve("trust.p12"), posix);
            }
            if (identity != null) {
                KeyStore store = emptyStore();
                // the entry's key is locked with the store's password, as ZooKeeper's loader expects
                store.setKeyEntry("identity", identity.key(), password, identity.chain());
                write(store, dir.resolve("identity.p12"), posix);
            }
            directory = dir;
            return dir;
        } catch (IOException | GeneralSecurityException e) {
            delete(dir);
            throw new UncheckedIOException(
                    "cannot write the TLS store files for ZooKeeper's client: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private void write(KeyStore store, Path file, boolean posix) throws IOException, GeneralSecurityException {
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            ownerOnly(file);
        }
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    private static void ownerOnly(Path path) {
        java.io.File file = path.toFile();
        file.setReadable(false, false);
        file.setWritable(false, false);
        file.setReadable(true, true);
        file.setWritable(true, true);
        if (file.isDirectory()) {
            file.setExecutable(false, false);
            file.setExecutable(true, true);
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] chars = new char[32];
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return chars;
    }

    /**
     * The directory of the written files, for tests; null before the first {@code zks://} session
     * and after {@link #close()}.
     */
    synchronized @Nullable Path directory() {
        return directory;
    }

    /** Deletes the store files; later sessions cannot open. */
    @Override
    public synchronized void close() {
        closed = true;
        delete(directory);
        directory = null;
        Arrays.fill(password, '\0');
    }

    private static void delete(@Nullable Path dir) {
        if (dir == null) {
            return;
        }
        for (String name : new String[] {"trust.p12", "identity.p12"}) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                // left to deleteOnExit
            }
        }
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // left to deleteOnExit
        }
    }

    @Override
    public String toString() {
        return "TlsStores[identity=" + (identity != null) + ", trust=" + (trust == null ? "JDK default" : "given")
                + ", verifyServerName=" + verifyServerName + ", protocols=" + protocols + "]";
    }
}
