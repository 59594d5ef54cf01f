package dev.heart.cli;

import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.zookeeper.ZooKeeperTransport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The ZooKeeper options of {@code beat} and {@code load}, for {@code zk://} and {@code zks://}
 * registries, in the shape of the etcd options: TLS files and digest credentials. The password
 * never goes on the command line: it is read from a file or from the environment variable
 * {@value #PASSWORD_ENV}.
 */
final class ZooKeeperOptions {
    /** Where the password comes from when no file is given. */
    static final String PASSWORD_ENV = "HEART_ZK_PASSWORD";

    @Option(names = "--zk-ca", paramLabel = "PEM", description = "CA bundle trusted for zks:// (default: the JDK's).")
    @Nullable
    Path ca;

    @Option(names = "--zk-cert", paramLabel = "PEM", description = "Client certificate for zks:// (mutual TLS).")
    @Nullable
    Path cert;

    @Option(
            names = "--zk-key",
            paramLabel = "PEM",
            description = "Its private key (PKCS#8, PKCS#1 or SEC1, unencrypted).")
    @Nullable
    Path key;

    @Option(
            names = "--zk-user",
            paramLabel = "USER",
            description = "ZooKeeper digest user; the password comes from --zk-password-file or $" + PASSWORD_ENV
                    + ". Sent over zks:// only, unless --zk-allow-plaintext-credentials.")
    @Nullable
    String user;

    @Option(
            names = "--zk-password-file",
            paramLabel = "FILE",
            description = "File holding the ZooKeeper user's password.")
    @Nullable
    Path passwordFile;

    @Option(
            names = "--zk-allow-plaintext-credentials",
            description = "Also send the digest credentials to zk:// (plaintext), where anyone on the path reads them.")
    boolean allowPlaintextCredentials;

    /** Whether any ZooKeeper option was given. */
    boolean any() {
        return ca != null
                || cert != null
                || key != null
                || user != null
                || passwordFile != null
                || allowPlaintextCredentials;
    }

    /**
     * A ZooKeeper transport with these settings, for {@code registry}.
     *
     * @throws IllegalArgumentException or {@link dev.heart.api.HeartException} naming the option
     *                                  or setting that is wrong
     */
    RequestProtocol protocol(URI registry) {
        String scheme = registry.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(ZooKeeperTransport.SCHEME) && !scheme.equals(ZooKeeperTransport.TLS_SCHEME)) {
            throw new IllegalArgumentException(
                    "the --zk-* options are for zk:// and zks:// registries, not " + scheme + "://");
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException(
                    "--zk-cert and --zk-key go together; " + (cert == null ? "--zk-cert" : "--zk-key") + " is missing");
        }
        ZooKeeperTransport.Builder builder = ZooKeeperTransport.builder();
        TlsConfig.Builder tls = TlsConfig.builder();
        if (ca != null) {
            tls.trust(ca);
        }
        if (cert != null) {
            tls.identity(cert, key);
        }
        builder.tls(tls.build());
        if (user != null || passwordFile != null || allowPlaintextCredentials) {
            if (user == null) {
                throw new IllegalArgumentException(
                        passwordFile != null
                                ? "credentials: a password was given without a user (--zk-user)"
                                : "--zk-allow-plaintext-credentials needs --zk-user");
            }
            char[] password = password();
            if (password == null || password.length == 0) {
                throw new IllegalArgumentException("credentials: the password of user '" + user
                        + "' is missing (--zk-password-file or $" + PASSWORD_ENV + ")");
            }
            if (scheme.equals(ZooKeeperTransport.SCHEME) && !allowPlaintextCredentials) {
                throw new IllegalArgumentException(
                        "the credentials of --zk-user '" + user + "' would be sent in clear to "
                                + registry + "; use zks://, or accept that anyone on the path reads them with "
                                + "--zk-allow-plaintext-credentials");
            }
            Credentials credentials = Credentials.of(user, password);
            builder.credentials(allowPlaintextCredentials ? credentials.allowPlaintextCredentials() : credentials);
        }
        return builder.build();
    }

    private char @Nullable [] password() {
        if (passwordFile != null) {
            try {
                return Files.readString(passwordFile, StandardCharsets.UTF_8)
                        .strip()
                        .toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--zk-password-file: cannot read " + passwordFile + " ("
                                + e.getClass().getSimpleName() + ")",
                        e);
            }
        }
        String fromEnv = System.getenv(PASSWORD_ENV);
        return fromEnv == null ? null : fromEnv.toCharArray();
    }
}
