package dev.heart.transport.tcp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * A connection's bytes through the JDK's {@link SSLEngine}, non-blocking, inside the NIO loops:
 * the handshake is driven by reads and writes as the socket allows, its delegated tasks run on
 * the I/O thread. Used by the connection's I/O thread only (so direct writes from other threads
 * are off). The first bytes from the peer are checked: a server tells a plaintext heart client
 * apart from a TLS one, a client a plaintext heart registry, and each fails with a message that
 * says so. Memory: three buffers of about one TLS record (16 KiB) each; the buffer of decrypted
 * input never grows while it holds bytes not yet handed out.
 *
 * <p>One hostile peer cannot hold the I/O thread (issue 23): renegotiation (TLS 1.2 and older) is
 * refused on both sides once the first handshake is done, the connection fails instead; a TLS 1.3
 * post-handshake message that needs an answer (a KeyUpdate with update_requested) is answered when
 * the socket takes it, and until then {@link #read} makes no progress and {@link #hasBufferedInput()}
 * is false, so that the caller waits for writability instead of reading again;
 * {@link #lastOutputNanos()} says since when the peer took none of our bytes.
 */
final class TlsIo implements ConnectionIo {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;

    private final SocketChannel socket;
    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean handshakeDone;
    /** True once the first handshake finished; never reset (post-handshake messages reset {@link #handshakeDone}). */
    private boolean established;
    /** True while a post-handshake message waits for the socket to take our answer to it. */
    private boolean blockedOnOutput;
    /** When the socket last took bytes, or when bytes began to wait ({@link System#nanoTime()}). */
    private long lastOutputNanos = System.nanoTime();

    private boolean sawFirstBytes;
    /** False after an unwrap asked for more bytes than {@link #netIn} holds, until the socket adds some. */
    private boolean netInMayHoldRecord;

    private boolean eof;

    TlsIo(SocketChannel socket, SSLEngine engine) throws SSLException {
        this.socket = socket;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
    }

    @Override
    public SocketChannel socket() {
        return socket;
    }

    @Override
    public java.security.cert.X509Certificate peerCertificate() {
        try {
            java.security.cert.Certificate[] chain = engine.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x509 ? x509 : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
            return null;
        }
    }

    @Override
    public boolean allowsDirectWrites() {
        return false;
    }

    @Override
    public boolean handshake() throws IOException {
        if (handshakeDone) {
            return true;
        }
        try {
            return driveHandshake();
        } catch (PlaintextPeerException e) {
            throw e; // the server answers with a plaintext frame instead of an alert
        } catch (SSLException e) {
            sendAlert();
            throw e;
        }
    }

    /** After a failed handshake: the alert the engine has for the peer, best effort, so it learns why. */
    private void sendAlert() {
        try {
            engine.closeOutbound();
            while (!engine.isOutboundDone()
                    && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                if (engine.wrap(EMPTY, netOut).bytesProduced() == 0) {
                    break;
                }
            }
            flushPending();
        } catch (IOException | RuntimeException ignored) {
            // the connection closes anyway
        }
    }

    private boolean driveHandshake() throws IOException {
        while (true) {
            if (!flushPending()) {
                blockedOnOutput = established;
                return false;
            }
            blockedOnOutput = false;
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (!unwrap()) {
                        return false;
                    }
                    break;
                case NEED_TASK:
                    runTasks();
                    break;
                default: // FINISHED, NOT_HANDSHAKING
                    handshakeDone = true;
                    established = true;
                    flushPending();
                    return true;
            }
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!established && !handshake()) {
            return 0;
        }
        int n = transfer(dst); // bytes decrypted before, also while a post-handshake message waits
        while (dst.hasRemaining()) {
            if (!handshake()) {
                break; // a post-handshake answer waits for the socket: no more input until it is sent
            }
            int before = appIn.position();
            if (!unwrap()) {
                break;
            }
            if (engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                handshakeDone = false; // a post-handshake message (key update, session ticket)
            }
            if (appIn.position() > before) {
                n += transfer(dst);
            }
        }
        if (n == 0 && (eof || engine.isInboundDone())) {
            return -1;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!handshake() || !flushPending()) {
            return 0;
        }
        int consumed = 0;
        while (src.hasRemaining()) {
            consumed += wrap(src);
            if (!flushPending()) {
                break;
            }
        }
        return consumed;
    }

    @Override
    public boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    @Override
    public boolean hasBufferedInput() {
        return appIn.position() > 0 || (netIn.position() > 0 && netInMayHoldRecord && !waitsToWrite());
    }

    @Override
    public boolean waitsToWrite() {
        return blockedOnOutput && netOut.position() > 0; // once sent, the next read drives the rest
    }

    @Override
    public long lastOutputNanos() {
        return lastOutputNanos;
    }

    @Override
    public boolean flushPending() throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            while (netOut.hasRemaining()) {
                if (socket.write(netOut) == 0) {
                    return false;
                }
                lastOutputNanos = System.nanoTime();
            }
            return true;
        } finally {
            netOut.compact();
        }
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        engine.closeOutbound();
        try {
            if (handshakeDone) {
                wrap(EMPTY); // close_notify, best effort
                flushPending();
            }
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            socket.close();
        }
    }

    /** Wraps from {@code src} into {@link #netOut}; returns the application bytes consumed. */
    private int wrap(ByteBuffer src) throws IOException {
        if (netOut.position() == 0) {
            lastOutputNanos = System.nanoTime(); // the peer's time to take what this wrap produces starts now
        }
        SSLEngineResult result = engine.wrap(src, netOut);
        switch (result.getStatus()) {
            case OK:
                return result.bytesConsumed();
            case BUFFER_OVERFLOW:
                return result.bytesConsumed(); // netOut full: flushed by the caller, then wrapped again
            case CLOSED:
                throw new EOFException("the TLS session is closed");
            default:
                throw new SSLException("unexpected TLS wrap status " + result.getStatus());
        }
    }

    /**
     * Unwraps one record from {@link #netIn} into {@link #appIn}, reading from the socket first
     * when no whole record is buffered.
     *
     * @return false when the socket has nothing more now
     */
    private boolean unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (result.getStatus()) {
                case OK:
                    netInMayHoldRecord = true;
                    refuseRenegotiation(result.getHandshakeStatus());
                    if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks();
                    }
                    return true;
                case BUFFER_UNDERFLOW:
                    netInMayHoldRecord = false;
                    int n = socket.read(netIn);
                    if (n < 0) {
                        eof = true;
                        try {
                            engine.closeInbound();
                        } catch (SSLException noCloseNotify) {
                            // a close without close_notify: an end of stream all the same
                        }
                        if (!handshakeDone) {
                            throw new EOFException("the peer closed the connection during the TLS handshake");
                        }
                        return false;
                    }
                    if (n == 0) {
                        return false;
                    }
                    checkFirstBytes();
                    netInMayHoldRecord = true;
                    break;
                case BUFFER_OVERFLOW:
                    if (appIn.position() > 0) {
                        return false; // hand out what is decrypted first: this buffer never grows with input
                    }
                    appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
                    break;
                case CLOSED:
                    if (!handshakeDone) {
                        throw new EOFException("the peer closed the TLS session during the handshake");
                    }
                    return false;
                default:
                    throw new SSLException("unexpected TLS unwrap status " + result.getStatus());
            }
        }
    }

    /**
     * After the first handshake, a record that starts a new handshake on TLS 1.2 or older is a
     * renegotiation (a client's hello, a server's hello request): refused, as the JDK would with
     * {@code jdk.tls.rejectClientInitiatedRenegotiation}, on both sides and without a global
     * property. TLS 1.3 has no renegotiation; its post-handshake messages are served.
     */
    private void refuseRenegotiation(SSLEngineResult.HandshakeStatus status) throws SSLException {
        if (!established
                || status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                || status == SSLEngineResult.HandshakeStatus.FINISHED
                || "TLSv1.3".equals(engine.getSession().getProtocol())) {
            return;
        }
        throw new SSLHandshakeException((engine.getUseClientMode() ? "the registry" : "the client")
                + " began a TLS renegotiation (" + engine.getSession().getProtocol() + "): refused");
    }

    /** The peer's first bytes: a heart frame instead of a TLS record means the other side is plaintext. */
    private void checkFirstBytes() throws SSLHandshakeException {
        if (sawFirstBytes || netIn.position() == 0) {
            return;
        }
        sawFirstBytes = true;
        if (netIn.get(0) == TLS_HANDSHAKE_RECORD) {
            return;
        }
        boolean heartFrame = netIn.position() >= Wire.VERSION_OFFSET && netIn.getShort(Wire.MAGIC_OFFSET) == Wire.MAGIC;
        if (engine.getUseClientMode()) {
            throw new SSLHandshakeException(
                    heartFrame
                            ? "the registry answered in plaintext heart frames, not TLS: it serves tcp://, not tcps://"
                            : "the registry did not answer with TLS");
        }
        throw new PlaintextPeerException(
                heartFrame
                        ? "this port speaks TLS: the client sent plaintext heart frames; use tcps://"
                        : "this port speaks TLS: the client did not start a TLS handshake");
    }

    private void runTasks() {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    private int transfer(ByteBuffer dst) {
        if (appIn.position() == 0) {
            return 0;
        }
        appIn.flip();
        int n = Math.min(appIn.remaining(), dst.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        appIn.compact();
        return n;
    }

    /** A server's TLS port got plaintext: the server answers in plaintext that it wants TLS. */
    static final class PlaintextPeerException extends SSLHandshakeException {
        private static final long serialVersionUID = 1L;

        PlaintextPeerException(String message) {
            super(message);
        }
    }
}
