package dev.heart.transport.tcp.internal;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/** The registry server's logs of what peers did, each at most one line per 10 s (a peer causes them at will). */
final class PeerLogs {
    private final RateLimitedLog peerCloseLog;
    private final RateLimitedLog tlsFailureLog;
    private final RateLimitedLog misbehaviourLog;

    /** @param log the server's logger, which these lines go to */
    PeerLogs(Logger log) {
        this.peerCloseLog = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(10));
        this.tlsFailureLog = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(10));
        this.misbehaviourLog = new RateLimitedLog(log, TimeUnit.SECONDS.toNanos(10));
    }

    /** I/O thread: a connection closed because its peer misbehaved; WARN, at most one line per 10 s. */
    void misbehaved(String remote, String reason) {
        misbehaviourLog.warn("closing connections of misbehaving peers: {}", remote + ": " + reason);
    }

    /** I/O thread: a peer closed its connection in the middle of a frame; INFO, at most one line per 10 s. */
    void peerClosedMidFrame(String remote) {
        peerCloseLog.info("connection from {} closed by the client in the middle of a frame", remote);
    }

    /** I/O thread: a TLS handshake or record failed; INFO, at most one line per 10 s. */
    void tlsFailed(String remote, Exception e) {
        tlsFailureLog.info("TLS with {} failed", remote + ": " + e.getMessage());
    }
}
