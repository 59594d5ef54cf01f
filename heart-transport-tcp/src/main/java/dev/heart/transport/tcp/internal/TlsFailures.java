package dev.heart.transport.tcp.internal;

import java.io.EOFException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/** Words for the JDK's TLS failures, so that a failed handshake names its cause. */
final class TlsFailures {
    private TlsFailures() {}

    /** "TLS handshake failed: CAUSE (the JDK's message)". */
    static String describe(Throwable failure) {
        return "TLS handshake failed: " + cause(failure) + " (" + failure.getMessage() + ")";
    }

    /**
     * "TLS failed: CAUSE (the JDK's message)", for a TLS failure after the client's side of the
     * handshake ended (with TLS 1.3 a server refuses a client certificate only then).
     */
    static String describeEstablished(Throwable failure) {
        return "TLS failed: " + cause(failure) + " (" + failure.getMessage() + ")";
    }

    private static String cause(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "the registry's certificate has expired";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the registry's certificate is not valid yet";
            }
            if (t instanceof CertPathValidatorException
                    && t.getMessage() != null
                    && t.getMessage().contains("validity check failed")) {
                return "the registry's certificate is outside its validity period (expired?)";
            }
            messages.append(' ').append(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT));
        }
        String text = messages.toString();
        if (failure instanceof EOFException || text.contains("closed the connection during the tls handshake")) {
            return "the registry closed the connection during the handshake (not a TLS port, or it refused us)";
        }
        if (text.contains("plaintext heart frames")) {
            return "the registry speaks plaintext: use tcp://, not tcps://";
        }
        if (text.contains("pkix path") || text.contains("unable to find valid certification path")) {
            return "the registry's certificate is not signed by a trusted CA";
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return "the registry's certificate does not name the host of the target";
        }
        if (text.contains("certificate_required")
                || text.contains("bad_certificate")
                || text.contains("unknown_ca")
                || text.contains("certificate_unknown")) {
            return "the registry refused our client certificate (or we sent none)";
        }
        if (text.contains("protocol_version") || text.contains("no appropriate protocol")) {
            return "no TLS version both sides enable";
        }
        if (text.contains("unsupported or unrecognized ssl message")) {
            return "the registry did not answer with TLS";
        }
        return "see the cause";
    }
}
