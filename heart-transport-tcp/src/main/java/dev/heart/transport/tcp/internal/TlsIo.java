package dev.heart.transport.tcp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * A connection's bytes through the JDK's {@link SSLEngine}, non-blocking, inside the NIO loops:
 * the handshake is driven by reads and writes as the socket allows, its delegated tasks run on
 * the I/O thread. Everything but {@link #writeDirect} is the connection's I/O thread's; a client's
 * callers may write directly once the first handshake is done ({@link #allowsDirectWrites()}):
 * one lock guards the encrypted output ({@link TlsOutput}, so every {@link SSLEngine#wrap}, the
 * caller's and the I/O thread's, the post-handshake answers included, and the order its records
 * go to the socket in); a caller only tries it and never unwraps (input is the I/O thread's; the
 * engine serializes a wrap and an unwrap itself). The first bytes from the peer are checked: a server tells a plaintext heart client
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
    private static final ByteBuffer EMPTY = TlsOutput.EMPTY;

    private final SocketChannel socket;
    private final SSLEngine engine;
    private final ByteBuffer netIn;
    /** Guards {@link #out} (every wrap and its way to the socket), {@link #established}, {@link #blockedOnOutput}. */
    private final ReentrantLock outLock = new ReentrantLock();

    private final TlsOutput out;
    /** True when callers may write directly ({@link #writeDirect}): on a client's connection. */
    private final boolean directWrites;

    private ByteBuffer appIn;
    private boolean handshakeDone;
    /** True once the first handshake finished; never reset (post-handshake messages reset {@link #handshakeDone}). */
    private boolean established;
    /** True while a post-handshake message waits for the socket to take our answer to it. */
    private boolean blockedOnOutput;

    private boolean sawFirstBytes;
    /** False after an unwrap asked for more bytes than {@link #netIn} holds, until the socket adds some. */
    private boolean netInMayHoldRecord;

    private boolean eof;

    /** A server's connection: written by its I/O thread only. */
    TlsIo(SocketChannel socket, SSLEngine engine) throws SSLException {
        this(socket, engine, false);
    }

    /** A connection whose callers may write directly once its handshake is done when {@code directWrites}. */
    TlsIo(SocketChannel socket, SSLEngine engine, boolean directWrites) throws SSLException {
        this.socket = socket;
        this.engine = engine;
        this.directWrites = directWrites;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.out = new TlsOutput(socket, engine, ByteBuffer.allocate(packet));
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
    }

    @Override
    public SocketChannel socket() {
        return socket;
    }

    @Override
    public java.security.cert.@Nullable X509Certificate peerCertificate() {
        try {
            java.security.cert.Certificate[] chain = engine.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof java.security.cert.X509Certificate x509 ? x509 : null;
        } catch (javax.net.ssl.SSLPeerUnverifiedException none) {
            return null;
        }
    }

    @Override
    public boolean allowsDirectWrites() {
        return directWrites;
    }

    @Override
    public boolean handshake() throws IOException {
        if (handshakeDone) {
            return true;
        }
        outLock.lock();
        try {
            return driveHandshake();
        } catch (PlaintextPeerException e) {
            throw e; // the server answers with a plaintext frame instead of an alert
        } catch (SSLException e) {
            out.sendAlert();
            throw e;
        } finally {
            outLock.unlock();
        }
    }

    private boolean driveHandshake() throws IOException {
        while (true) {
            if (!out.flush()) {
                blockedOnOutput = established;
                return false;
            }
            blockedOnOutput = false;
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP:
                    out.wrap(EMPTY);
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
                    out.flush();
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
                if (netIn.position() == 0 && appIn.position() == 0) {
                    break; // nothing more buffered: the selector reports the next bytes, no read that finds none
                }
            }
        }
        if (n == 0 && (eof || engine.isInboundDone())) {
            return -1;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!handshake()) {
            return 0;
        }
        outLock.lock();
        try {
            return wrapAndFlush(src);
        } finally {
            outLock.unlock();
        }
    }

    /**
     * A caller's write: only when the lock is free (else the I/O thread holds it and the rest is
     * its job), only once the first handshake is done, never an unwrap. A post-handshake answer the
     * engine has waiting goes out first, inside the engine's wrap.
     */
    @Override
    public boolean writeDirect(ByteBuffer src) throws IOException {
        if (!directWrites || !outLock.tryLock()) {
            return false;
        }
        try {
            if (!established) {
                return false;
            }
            wrapAndFlush(src);
            return !src.hasRemaining() && !out.hasPending();
        } finally {
            outLock.unlock();
        }
    }

    /** Under {@link #outLock}: wraps {@code src} and writes the records while the socket takes them. */
    private int wrapAndFlush(ByteBuffer src) throws IOException {
        if (!out.flush()) {
            return 0;
        }
        int consumed = 0;
        while (src.hasRemaining()) {
            int before = src.position();
            if (!out.wrapSome(src)) {
                break; // the engine wants an unwrap or a task first: the I/O thread's read drives it
            }
            consumed += src.position() - before;
            if (!out.flush()) {
                break;
            }
        }
        return consumed;
    }

    @Override
    public boolean hasPendingOutput() {
        outLock.lock();
        try {
            return out.hasPending();
        } finally {
            outLock.unlock();
        }
    }

    @Override
    public boolean hasBufferedInput() {
        return appIn.position() > 0 || (netIn.position() > 0 && netInMayHoldRecord && !waitsToWrite());
    }

    @Override
    public boolean waitsToWrite() {
        outLock.lock();
        try {
            return blockedOnOutput && out.hasPending(); // once sent, the next read drives the rest
        } finally {
            outLock.unlock();
        }
    }

    @Override
    public long lastOutputNanos() {
        outLock.lock();
        try {
            return out.lastOutputNanos();
        } finally {
            outLock.unlock();
        }
    }

    @Override
    public boolean flushPending() throws IOException {
        outLock.lock();
        try {
            return out.flush();
        } finally {
            outLock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() throws IOException {
        outLock.lock();
        try {
            closeLocked();
        } finally {
            outLock.unlock();
        }
    }

    private void closeLocked() throws IOException {
        engine.closeOutbound();
        try {
            if (handshakeDone) {
                out.wrap(EMPTY); // close_notify, best effort
                out.flush();
            }
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            socket.close();
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
                    TlsPeerChecks.refuseRenegotiation(engine, established, result.getHandshakeStatus());
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
                    if (!sawFirstBytes && netIn.position() > 0) {
                        sawFirstBytes = true;
                        TlsPeerChecks.checkFirstBytes(netIn, engine.getUseClientMode());
                    }
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
}
