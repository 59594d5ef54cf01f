package dev.heart.transport.tcp.internal;

import javax.net.ssl.SSLContext;

/** A client's TLS material and the context loaded from it, shared by its tcps connections. */
record ClientTls(TlsMaterial material, SSLContext context) {}
