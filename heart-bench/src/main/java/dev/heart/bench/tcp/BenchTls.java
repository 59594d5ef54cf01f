package dev.heart.bench.tcp;

import dev.heart.api.security.TlsConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The TLS material of T3: a self-signed EC P-256 certificate for 127.0.0.1 made by the JDK's
 * {@code keytool} into a temporary PKCS#12 file, the server's identity and the client's trust.
 * Made once per JVM.
 */
public final class BenchTls {
    private static final char[] PASSWORD = "heart-bench".toCharArray();
    private static @Nullable TlsConfig server;
    private static @Nullable TlsConfig client;

    private BenchTls() {}

    /** The server's settings: the certificate and its key. */
    public static synchronized TlsConfig server() {
        make();
        return Objects.requireNonNull(server, "made above");
    }

    /** The client's settings: trusts the certificate (TLS 1.3 and 1.2, server name verification on). */
    public static synchronized TlsConfig client() {
        make();
        return Objects.requireNonNull(client, "made above");
    }

    private static void make() {
        if (server != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("heart-bench-tls");
            Path p12 = dir.resolve("bench.p12");
            String keytool = new File(System.getProperty("java.home"), "bin/keytool").getPath();
            Process process = new ProcessBuilder(List.of(
                            keytool,
                            "-genkeypair",
                            "-alias",
                            "bench",
                            "-keyalg",
                            "EC",
                            "-groupname",
                            "secp256r1",
                            "-dname",
                            "CN=heart-bench",
                            "-ext",
                            "san=ip:127.0.0.1",
                            "-validity",
                            "2",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            p12.toString(),
                            "-storepass",
                            new String(PASSWORD)))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            server = TlsConfig.builder().identityPkcs12(p12, PASSWORD).build();
            client = TlsConfig.builder().trustPkcs12(p12, PASSWORD).build();
            p12.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the bench certificate", e);
        }
    }
}
