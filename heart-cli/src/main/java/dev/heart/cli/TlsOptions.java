package dev.heart.cli;

import dev.heart.api.HeartException;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.tcp.TcpTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The TLS options of {@code registry}, {@code beat} and {@code load} (a picocli mixin): key
 * material as PEM ({@code --tls-cert}, {@code --tls-key}) or PKCS#12 ({@code --tls-p12}, its
 * password read from the environment variable {@code HEART_TLS_PASSWORD}), CA certificates to
 * trust ({@code --tls-ca}), client certificates asked by a registry ({@code --tls-client-auth}) and
 * a client's server name verification ({@code --tls-no-verify-host}). Files are checked at once.
 */
final class TlsOptions {
    /** The environment variable holding the PKCS#12 password. */
    static final String PASSWORD_VARIABLE = "HEART_TLS_PASSWORD";

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "TLS: this side's PEM certificate chain (with --tls-key). A registry with it serves tcps://.")
    @Nullable
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "TLS: this side's PEM PKCS#8 private key.")
    @Nullable
    Path key;

    @Option(
            names = "--tls-p12",
            paramLabel = "FILE",
            description = "TLS: this side's certificate and key as PKCS#12 (password in $" + PASSWORD_VARIABLE + ").")
    @Nullable
    Path pkcs12;

    @Option(
            names = "--tls-ca",
            paramLabel = "FILE",
            description = "TLS: PEM CA certificates to trust (default: the JDK's); a registry with --tls-client-auth "
                    + "checks client certificates against them (required with --tls-client-auth).")
    @Nullable
    Path ca;

    @Option(
            names = "--tls-client-auth",
            paramLabel = "MODE",
            defaultValue = "NONE",
            description = "Registry: client certificates NONE, OPTIONAL or REQUIRED (mutual TLS) (default: "
                    + "${DEFAULT-VALUE}).")
    TlsConfig.ClientAuth clientAuth;

    @Option(
            names = "--tls-no-verify-host",
            description = "Client: do not check that the registry's certificate names its host (tests only).")
    boolean noVerifyHost;

    /** True when any option but the defaults was given. */
    boolean given() {
        return certificate != null
                || key != null
                || pkcs12 != null
                || ca != null
                || clientAuth != TlsConfig.ClientAuth.NONE
                || noVerifyHost;
    }

    /** True when this side has a certificate and key. */
    boolean hasIdentity() {
        return certificate != null || pkcs12 != null;
    }

    /** The settings, or a usage error naming the option at fault. */
    TlsConfig config(CommandSpec spec) {
        if ((certificate == null) != (key == null)) {
            throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
        }
        if (certificate != null && pkcs12 != null) {
            throw new ParameterException(spec.commandLine(), "give --tls-cert/--tls-key or --tls-p12, not both");
        }
        if (clientAuth != TlsConfig.ClientAuth.NONE && ca == null) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--tls-client-auth " + clientAuth + " needs --tls-ca:"
                            + " with the JDK's default trust any client certificate from a public CA would get in");
        }
        for (Path file : new Path[] {certificate, key, pkcs12, ca}) {
            if (file != null && !Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), "TLS file " + file + " is not a readable file");
            }
        }
        TlsConfig.Builder builder = TlsConfig.builder().clientAuth(clientAuth).verifyServerName(!noVerifyHost);
        if (certificate != null) {
            builder.identity(certificate, key);
        }
        if (pkcs12 != null) {
            String password = System.getenv(PASSWORD_VARIABLE);
            builder.identityPkcs12(pkcs12, password == null ? new char[0] : password.toCharArray());
        }
        if (ca != null) {
            builder.trust(ca);
        }
        try {
            return builder.build();
        } catch (HeartException | IllegalArgumentException e) { // e.g. client auth without --tls-ca
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * A client's transport when TLS options were given (serving tcp:// and tcps:// targets with
     * them), else null: the transports found on the module path serve the scheme.
     */
    @Nullable
    RequestProtocol clientProtocol(CommandSpec spec) {
        return given() ? TcpTransport.builder().tls(config(spec)).build() : null;
    }
}
