package dev.heart.transport.zookeeper.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by the test, as etcd's docs have one make them: a CA, a server certificate
 * for 127.0.0.1 (IP SAN), client certificates; keys written as PKCS#8, PKCS#1 (RSA) or SEC1 (EC)
 * PEM files. For tests only.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** A key format on disk. */
    public enum KeyFormat {
        PKCS8,
        TRADITIONAL
    }

    /**
     * A certificate, its key and the files they are written to.
     *
     * @param certificate the certificate
     * @param key         its private key
     * @param certFile    the PEM certificate file
     * @param keyFile     the PEM key file
     */
    public record Issued(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {}

    private TestCertificates() {}

    /** A new RSA (2048) or EC (P-256) key pair. */
    public static KeyPair keys(boolean ec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ec ? "EC" : "RSA");
            if (ec) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA written to {@code dir/name.pem} and {@code dir/name-key.pem}. */
    public static Issued ca(Path dir, String name) {
        KeyPair pair = keys(false);
        X509Certificate cert = sign(
                new X500Name("CN=" + name),
                pair,
                null,
                pair.getPrivate(),
                true,
                false,
                null,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
        return write(dir, name, cert, pair.getPrivate(), KeyFormat.PKCS8);
    }

    /** A server certificate for 127.0.0.1 signed by {@code ca}, valid from {@code from} to {@code until}. */
    public static Issued server(Path dir, String name, Issued ca, Instant from, Instant until) {
        KeyPair pair = keys(false);
        X509Certificate cert = sign(
                new X500Name("CN=" + name), pair, ca.certificate(), ca.key(), false, true, "127.0.0.1", from, until);
        return write(dir, name, cert, pair.getPrivate(), KeyFormat.PKCS8);
    }

    /** A valid server certificate for the IP address {@code ip} only, signed by {@code ca}. */
    public static Issued server(Path dir, String name, Issued ca, String ip) {
        KeyPair pair = keys(false);
        X509Certificate cert = sign(
                new X500Name("CN=" + name),
                pair,
                ca.certificate(),
                ca.key(),
                false,
                true,
                ip,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
        return write(dir, name, cert, pair.getPrivate(), KeyFormat.PKCS8);
    }

    /** A valid server certificate for 127.0.0.1 signed by {@code ca}. */
    public static Issued server(Path dir, String name, Issued ca) {
        return server(
                dir,
                name,
                ca,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
    }

    /** A client certificate with CN {@code user} signed by {@code ca}, key in {@code format}. */
    public static Issued client(Path dir, String user, Issued ca, boolean ec, KeyFormat format) {
        KeyPair pair = keys(ec);
        X509Certificate cert = sign(
                new X500Name("CN=" + user),
                pair,
                ca.certificate(),
                ca.key(),
                false,
                false,
                null,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
        return write(dir, user + (ec ? "-ec" : "-rsa") + "-" + format, cert, pair.getPrivate(), format);
    }

    private static X509Certificate sign(
            X500Name subject,
            KeyPair pair,
            X509Certificate issuer,
            PrivateKey issuerKey,
            boolean isCa,
            boolean server,
            String ip,
            Instant from,
            Instant until) {
        try {
            X500Name issuerName = issuer == null
                    ? subject
                    : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(from),
                    Date.from(until),
                    subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(
                                server
                                        ? new KeyPurposeId[] {
                                            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                                        }
                                        : new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}));
            }
            if (ip != null) {
                builder.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)));
            }
            String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    private static Issued write(Path dir, String name, X509Certificate cert, PrivateKey key, KeyFormat format) {
        try {
            Path certFile = dir.resolve(name + ".pem");
            Path keyFile = dir.resolve(name + "-key.pem");
            Files.writeString(certFile, pem(cert));
            if (format == KeyFormat.PKCS8) {
                Files.writeString(
                        keyFile,
                        "-----BEGIN PRIVATE KEY-----\n"
                                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                        .encodeToString(key.getEncoded())
                                + "\n-----END PRIVATE KEY-----\n");
            } else if (key.getAlgorithm().equals("EC")) {
                // SEC1 with the curve named inside, as openssl and Go's x509 write it
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo info =
                        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(key.getEncoded());
                org.bouncycastle.asn1.sec.ECPrivateKey inner =
                        org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                byte[] sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                                256,
                                inner.getKey(),
                                info.getPrivateKeyAlgorithm().getParameters())
                        .getEncoded();
                Files.writeString(
                        keyFile,
                        "-----BEGIN EC PRIVATE KEY-----\n"
                                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                        .encodeToString(sec1)
                                + "\n-----END EC PRIVATE KEY-----\n");
            } else {
                Files.writeString(keyFile, pem(key)); // RSA PRIVATE KEY (PKCS#1)
            }
            return new Issued(cert, key, certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
