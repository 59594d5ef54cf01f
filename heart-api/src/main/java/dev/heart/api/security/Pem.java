package dev.heart.api.security;

import dev.heart.api.HeartException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files as etcd's own docs generate them: certificates, and private keys in PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}) form,
 * unencrypted; text outside the blocks (comments in any encoding) is ignored. Errors name the
 * setting and the file, never the key's bytes.
 */
final class Pem {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    /** rsaEncryption, with NULL parameters, as DER. */
    private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
    /** id-ecPublicKey, as DER, without the curve parameter. */
    private static final byte[] EC_OID = hex("06072a8648ce3d0201");

    private Pem() {}

    /** Every certificate in {@code file}; at least one. */
    static List<X509Certificate> certificates(Path file, String setting) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file, setting)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add(
                            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new HeartException(
                    setting + ": " + file + " holds a certificate that cannot be read: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new HeartException(setting + ": " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** The one private key in {@code file}. */
    static PrivateKey privateKey(Path file, String setting) {
        for (Block block : blocks(file, setting)) {
            try {
                switch (block.type()) {
                    case "PRIVATE KEY":
                        return pkcs8(block.der());
                    case "RSA PRIVATE KEY":
                        return KeyFactory.getInstance("RSA")
                                .generatePrivate(new PKCS8EncodedKeySpec(wrap(RSA_ALGORITHM, block.der())));
                    case "EC PRIVATE KEY":
                        return KeyFactory.getInstance("EC")
                                .generatePrivate(new PKCS8EncodedKeySpec(wrap(
                                        der(0x30, concat(EC_OID, Der.curveOf(block.der()))), block.der())));
                    case "ENCRYPTED PRIVATE KEY":
                        throw new HeartException(
                                setting + ": " + file + " holds an encrypted key; give an unencrypted one");
                    default:
                        break;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new HeartException(
                        setting + ": " + file + " holds a " + block.type() + " that cannot be read ("
                                + e.getClass().getSimpleName() + ")",
                        e);
            }
        }
        throw new HeartException(setting + ": " + file + " holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY"
                + " or EC PRIVATE KEY)");
    }

    /** Fails unless {@code key} belongs to {@code certificate}: signs a probe and verifies it. */
    static void checkPair(PrivateKey key, X509Certificate certificate, String keySetting, String certSetting) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null; // RSASSA-PSS needs its parameters; the handshake checks such a pair
        };
        if (algorithm == null) {
            return;
        }
        try {
            byte[] probe = "heart key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's: reported below
        }
        throw new HeartException(keySetting + " does not match " + certSetting + " (the key is not the one of "
                + certificate.getSubjectX500Principal().getName() + ")");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, algorithm, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        return der(0x30, concat(hex("020100"), algorithm, der(0x04, key)));
    }

    static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file, String setting) {
        String text;
        try {
            text = Files.readString(
                    file, StandardCharsets.ISO_8859_1); // never fails: a UTF-8 comment outside the blocks is harmless
        } catch (IOException e) {
            throw new HeartException(
                    setting + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new HeartException(
                        setting + ": " + file + " holds a " + matcher.group(1) + " block that is not base64", e);
            }
        }
        if (blocks.isEmpty()) {
            throw new HeartException(setting + ": " + file + " is not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }
}
