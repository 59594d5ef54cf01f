package dev.heart.transport.tcp;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made by the tests (EC P-256, SHA-256): a CA, and server or client certificates it
 * signs, valid now or expired, written as PEM or PKCS#12 files into a directory of the test.
 */
public final class TestCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    private TestCertificates() {}

    /** A key pair and its certificate chain (leaf first). */
    public record Identity(KeyPair keys, List<X509Certificate> chain) {

        /** Writes {@code name}.crt (the chain) and {@code name}.key (PKCS#8), returns the two paths. */
        public Path[] writePem(Path dir, String name) throws IOException {
            Path certificate = dir.resolve(name + ".crt");
            Path key = dir.resolve(name + ".key");
            StringBuilder pem = new StringBuilder();
            for (X509Certificate c : chain) {
                pem.append(pem("CERTIFICATE", encoded(c)));
            }
            Files.writeString(certificate, pem, StandardCharsets.US_ASCII);
            Files.writeString(key, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            return new Path[] {certificate, key};
        }

        /** Writes {@code name}.p12 with the key and chain under {@code password}. */
        public Path writePkcs12(Path dir, String name, char[] password) throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", keys.getPrivate(), password, chain.toArray(Certificate[]::new));
            Path file = dir.resolve(name + ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        }

        /** Writes the leaf certificate alone as PEM (to trust it as a CA, for a CA identity). */
        public Path writeCertificatePem(Path dir, String name) throws IOException {
            Path file = dir.resolve(name + ".pem");
            Files.writeString(file, pem("CERTIFICATE", encoded(chain.get(0))), StandardCharsets.US_ASCII);
            return file;
        }

        /** Writes the leaf certificate alone into a PKCS#12 trust store. */
        public Path writeTrustStore(Path dir, String name, char[] password)
                throws IOException, GeneralSecurityException {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", chain.get(0));
            Path file = dir.resolve(name + ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        }
    }

    public static Identity ca(String name) throws Exception {
        KeyPair keys = keys();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder builder = builder(
                subject,
                subject,
                keys,
                Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Identity(keys, List.of(sign(builder, keys)));
    }

    /** A server certificate for 127.0.0.1 and localhost (or {@code dnsName} only when not null). */
    public static Identity server(Identity ca, boolean expired, String dnsName) throws Exception {
        GeneralNames names = dnsName != null
                ? new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName))
                : new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                });
        return leaf(ca, "CN=heart-registry", expired, names);
    }

    public static Identity client(Identity ca, String commonName) throws Exception {
        return leaf(ca, "CN=" + commonName, false, null);
    }

    /** A server certificate for 127.0.0.1 whose key is of {@code algorithm} ("Ed25519", "RSASSA-PSS"), signed by {@code ca}. */
    public static Identity server(Identity ca, String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (!algorithm.startsWith("Ed")) {
            generator.initialize(2048);
        }
        return leaf(
                ca,
                "CN=heart-registry",
                false,
                new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")
                }),
                generator.generateKeyPair());
    }

    private static Identity leaf(Identity ca, String subject, boolean expired, GeneralNames names) throws Exception {
        return leaf(ca, subject, expired, names, keys());
    }

    private static Identity leaf(Identity ca, String subject, boolean expired, GeneralNames names, KeyPair keys)
            throws Exception {
        Instant from = expired
                ? Instant.now().minus(Duration.ofDays(3))
                : Instant.now().minus(Duration.ofHours(1));
        Instant to = expired
                ? Instant.now().minus(Duration.ofDays(1))
                : Instant.now().plus(Duration.ofDays(1));
        X509v3CertificateBuilder builder = builder(
                new X500Name(ca.chain().get(0).getSubjectX500Principal().getName()),
                new X500Name(subject),
                keys,
                from,
                to);
        if (names != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, names);
        }
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(sign(builder, ca.keys()));
        chain.add(ca.chain().get(0));
        return new Identity(keys, chain);
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair keys, Instant from, Instant to) {
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(from),
                Date.from(to),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        ContentSigner contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }

    private static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
