/**
 * Security settings shared by every transport of heart, so that one concept has one name and one
 * shape in tcp, etcd, Eureka and the Spring properties: {@link dev.heart.api.security.TlsConfig}
 * (TLS identity and trust from PEM, PKCS#12 or an {@link javax.net.ssl.SSLContext}) and
 * {@link dev.heart.api.security.Credentials} (a user and a secret, sent over TLS only unless the
 * application opts in by {@link dev.heart.api.security.Credentials#allowPlaintextCredentials()}).
 *
 * <p>JDK only. Every type is immutable and thread-safe; secrets are never printed.
 */
package dev.heart.api.security;
