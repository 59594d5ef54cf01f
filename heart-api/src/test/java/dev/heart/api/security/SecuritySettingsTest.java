package dev.heart.api.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared TLS and credentials shapes: defaults, refusals with clear messages, secrets never shown. */
class SecuritySettingsTest {

    @Test
    void credentialsNeverShowTheirSecretAndCopyIt() {
        char[] secret = "s3cr3t-pw".toCharArray();
        Credentials credentials = Credentials.of("alice", secret);
        secret[0] = 'X';
        assertArrayEquals("s3cr3t-pw".toCharArray(), credentials.secret(), "copied in");
        credentials.secret()[0] = 'Y';
        assertArrayEquals("s3cr3t-pw".toCharArray(), credentials.secret(), "copied out");
        assertFalse(credentials.toString().contains("s3cr3t"), credentials.toString());
        assertTrue(credentials.toString().contains("alice"), credentials.toString());
        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> Credentials.of("alice", new char[0]));
        assertTrue(empty.getMessage().contains("secret"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Credentials.of("a:b", "pw".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> Credentials.of(" ", "pw".toCharArray()));
    }

    @Test
    void credentialsGoOverTlsOnlyUnlessPlaintextIsAllowedByName() {
        Credentials credentials = Credentials.of("alice", "s3cr3t-pw".toCharArray());
        assertFalse(credentials.plaintextAllowed(), "TLS only by default");
        credentials.checkChannel(URI.create("etcds://h:2379"), true);
        IllegalArgumentException refused = assertThrows(
                IllegalArgumentException.class, () -> credentials.checkChannel(URI.create("etcd://h:2379"), false));
        assertTrue(
                refused.getMessage().contains("in clear to etcd://h:2379")
                        && refused.getMessage().contains("allowPlaintextCredentials()"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("s3cr3t"));
        Credentials allowed = credentials.allowPlaintextCredentials();
        assertNotSame(credentials, allowed);
        assertTrue(allowed.plaintextAllowed());
        allowed.checkChannel(URI.create("etcd://h:2379"), false);
        assertFalse(credentials.plaintextAllowed(), "the original is unchanged");
        assertArrayEquals(credentials.secret(), allowed.secret());
    }

    @Test
    void tlsDefaultsAreAClientTrustingTheJdkAuthorities() {
        TlsConfig defaults = TlsConfig.defaults();
        assertFalse(defaults.hasIdentity());
        assertFalse(defaults.hasExplicitTrust());
        assertTrue(defaults.verifyServerName());
        assertEquals(TlsConfig.ClientAuth.NONE, defaults.clientAuth());
        assertEquals(java.util.List.of("TLSv1.3", "TLSv1.2"), defaults.protocols());
        assertTrue(defaults.keyManagers().isEmpty() && defaults.trustManagers().isEmpty());
        defaults.newContext();
    }

    @Test
    void clientAuthWithoutExplicitTrustIsRefused() {
        for (TlsConfig.ClientAuth auth :
                new TlsConfig.ClientAuth[] {TlsConfig.ClientAuth.OPTIONAL, TlsConfig.ClientAuth.REQUIRED}) {
            IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class,
                    () -> TlsConfig.builder().clientAuth(auth).build());
            assertTrue(refused.getMessage().contains("needs explicit trust"), refused.getMessage());
        }
    }

    @Test
    void aGivenContextIsUsedAsItIsAndNotMixedWithFiles(@TempDir Path dir) throws Exception {
        SSLContext context = SSLContext.getDefault();
        TlsConfig given = TlsConfig.builder()
                .sslContext(context)
                .clientAuth(TlsConfig.ClientAuth.REQUIRED)
                .build();
        assertSame(context, given.newContext());
        assertTrue(given.hasIdentity() && given.hasExplicitTrust());
        assertEquals(java.util.Optional.of(context), given.sslContext());
        IllegalArgumentException mixed = assertThrows(
                IllegalArgumentException.class,
                () -> TlsConfig.builder()
                        .sslContext(context)
                        .trust(dir.resolve("ca.pem"))
                        .build());
        assertTrue(mixed.getMessage().contains("not both"), mixed.getMessage());
    }

    @Test
    void badFilesFailAtBuildNamingTheSettingAndTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.pem");
        HeartException noFile = assertThrows(
                HeartException.class, () -> TlsConfig.builder().trust(missing).build());
        assertTrue(
                noFile.getMessage().contains("trust") && noFile.getMessage().contains(missing.toString()),
                noFile.getMessage());
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello", StandardCharsets.UTF_8);
        HeartException garbage = assertThrows(
                HeartException.class, () -> TlsConfig.builder().trust(notPem).build());
        assertTrue(garbage.getMessage().contains("not a PEM file"), garbage.getMessage());
        HeartException p12 = assertThrows(
                HeartException.class,
                () -> TlsConfig.builder()
                        .identityPkcs12(missing, "pw".toCharArray())
                        .build());
        assertTrue(
                p12.getMessage().contains("identityPkcs12") && p12.getMessage().contains(missing.toString()),
                p12.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsConfig.builder().protocols("SSLv3"));
    }
}
