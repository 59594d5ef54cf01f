package dev.heart.cli;

import dev.heart.api.Transports;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.EtcdConfigException;
import dev.heart.transport.etcd.EtcdTransport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The etcd options of {@code beat} and {@code load}, for {@code etcd://} and {@code etcds://}
 * registries: TLS files and credentials. The password never goes on the command line: it is read
 * from a file or from the environment variable {@value #PASSWORD_ENV}.
 */
final class EtcdOptions {
    /** Where the password comes from when no file is given. */
    static final String PASSWORD_ENV = "HEART_ETCD_PASSWORD";

    @Option(
            names = "--etcd-ca",
            paramLabel = "PEM",
            description = "CA bundle trusted for etcds:// (default: the JDK's).")
    @Nullable
    Path ca;

    @Option(names = "--etcd-cert", paramLabel = "PEM", description = "Client certificate for etcds:// (mutual TLS).")
    @Nullable
    Path cert;

    @Option(
            names = "--etcd-key",
            paramLabel = "PEM",
            description = "Its private key (PKCS#8, PKCS#1 or SEC1, unencrypted).")
    @Nullable
    Path key;

    @Option(
            names = "--etcd-user",
            paramLabel = "USER",
            description = "etcd user; the password comes from --etcd-password-file or $" + PASSWORD_ENV + ".")
    @Nullable
    String user;

    @Option(names = "--etcd-password-file", paramLabel = "FILE", description = "File holding the etcd user's password.")
    @Nullable
    Path passwordFile;

    /** Whether any etcd option was given. */
    boolean any() {
        return ca != null || cert != null || key != null || user != null || passwordFile != null;
    }

    /**
     * The protocol of a heart: an etcd transport with these settings when any was given, else every
     * transport on the module path by scheme.
     *
     * @throws EtcdConfigException naming the setting when one is wrong
     */
    RequestProtocol protocol() {
        if (!any()) {
            return Transports.load();
        }
        EtcdTransport.Builder builder = EtcdTransport.builder();
        if ((cert == null) != (key == null)) {
            throw new EtcdConfigException("clientCertificate and its key must be given together; "
                    + (cert == null ? "--etcd-cert" : "--etcd-key") + " is missing");
        }
        try {
            TlsConfig.Builder tls = TlsConfig.builder();
            if (ca != null) {
                tls.trust(ca);
            }
            if (cert != null) {
                tls.identity(cert, key);
            }
            builder.tls(tls.build());
            if (user != null || passwordFile != null) {
                char[] password = password();
                if (user == null) {
                    throw new EtcdConfigException("credentials: a password was given without a user");
                }
                if (password == null || password.length == 0) {
                    throw new EtcdConfigException("credentials: the password of user '" + user + "' is missing");
                }
                builder.credentials(Credentials.of(user, password));
            }
        } catch (EtcdConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EtcdConfigException(String.valueOf(e.getMessage()), e);
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
                throw new EtcdConfigException(
                        "--etcd-password-file: cannot read " + passwordFile + " ("
                                + e.getClass().getSimpleName() + ")",
                        e);
            }
        }
        String fromEnv = System.getenv(PASSWORD_ENV);
        return fromEnv == null ? null : fromEnv.toCharArray();
    }
}
