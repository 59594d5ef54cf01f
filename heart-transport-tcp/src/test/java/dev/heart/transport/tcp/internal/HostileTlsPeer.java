package dev.heart.transport.tcp.internal;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.transport.tcp.TestCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS peer driven by the test's own {@link SSLEngine} over a non-blocking {@link SocketChannel}:
 * it can pipeline without ever reading, send a TLS 1.3 KeyUpdate or begin a TLS 1.2 renegotiation
 * ({@link #beginHandshake()}), as a hostile client or registry would. Every loop is bounded.
 */
final class HostileTlsPeer implements AutoCloseable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final SocketChannel socket;
    final SSLEngine engine;
    private ByteBuffer netOut;
    private final ByteBuffer netIn;
    private final ByteBuffer appIn;
    private long nextId = 1;

    private HostileTlsPeer(SocketChannel socket, SSLEngine engine) throws IOException {
        this.socket = socket;
        this.engine = engine;
        socket.configureBlocking(false);
        int packet = engine.getSession().getPacketBufferSize();
        this.netOut = ByteBuffer.allocate(4 * packet);
        this.netIn = ByteBuffer.allocate(4 * packet);
        this.appIn = ByteBuffer.allocate(8 * engine.getSession().getApplicationBufferSize());
    }

    /** An SSLContext trusting {@code ca}, with {@code identity} as key material when not null. */
    static SSLContext context(TestCertificates.Identity ca, TestCertificates.Identity identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.chain().get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (identity != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(
                    "key",
                    identity.keys().getPrivate(),
                    "x".toCharArray(),
                    identity.chain().toArray(X509Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "x".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** Connects to {@code address} as a TLS client of {@code protocol} and finishes the handshake. */
    static HostileTlsPeer connect(InetSocketAddress address, SSLContext context, String protocol) throws Exception {
        return connect(address, context, protocol, null);
    }

    /** {@link #connect(InetSocketAddress, SSLContext, String)} from local address {@code from} (null: any). */
    static HostileTlsPeer connect(
            InetSocketAddress address, SSLContext context, String protocol, java.net.InetAddress from)
            throws Exception {
        SocketChannel socket = SocketChannel.open();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(address);
        SSLEngine engine = context.createSSLEngine("127.0.0.1", address.getPort());
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        HostileTlsPeer peer = new HostileTlsPeer(socket, engine);
        peer.handshake(Duration.ofSeconds(20));
        return peer;
    }

    /** Serves an accepted {@code socket} as a TLS server of {@code protocol} and finishes the handshake. */
    static HostileTlsPeer accept(SocketChannel socket, SSLContext context, String protocol) throws Exception {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[] {protocol});
        HostileTlsPeer peer = new HostileTlsPeer(socket, engine);
        peer.handshake(Duration.ofSeconds(20));
        return peer;
    }

    private void handshake(Duration bound) throws Exception {
        engine.beginHandshake();
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("test peer: handshake did not finish within " + bound);
            }
            flush();
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP:
                    wrap(EMPTY);
                    break;
                case NEED_TASK:
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (!unwrapOnce()) {
                        Thread.sleep(1);
                    }
                    break;
                default:
                    while (netOut.position() > 0 && System.nanoTime() - deadline < 0) {
                        flush();
                        Thread.sleep(1);
                    }
                    return;
            }
        }
    }

    /** Reads what the socket has and unwraps one record into the (discarded) application buffer. */
    private boolean unwrapOnce() throws IOException {
        netIn.flip();
        SSLEngineResult result = engine.unwrap(netIn, appIn);
        netIn.compact();
        appIn.clear();
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
            int n = socket.read(netIn);
            if (n < 0) {
                throw new IOException("test peer: closed by the other side");
            }
            return n > 0;
        }
        return true;
    }

    private void wrap(ByteBuffer src) throws IOException {
        while (true) {
            SSLEngineResult result = engine.wrap(src, netOut);
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                ByteBuffer bigger = ByteBuffer.allocate(netOut.capacity() * 2);
                netOut.flip();
                netOut = bigger.put(netOut);
                continue;
            }
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new IOException("test peer: wrap " + result.getStatus());
            }
            if (!src.hasRemaining() || result.bytesConsumed() == 0) {
                return;
            }
        }
    }

    /** Writes what the socket takes of the encrypted bytes waiting; true when none wait any more. */
    boolean flush() throws IOException {
        netOut.flip();
        try {
            while (netOut.hasRemaining()) {
                if (socket.write(netOut) == 0) {
                    return false;
                }
            }
            return true;
        } finally {
            netOut.compact();
        }
    }

    /**
     * Sends a beat request of registrant {@code id} if the socket took everything before it.
     *
     * @return false when the socket is full (nothing new was wrapped)
     */
    boolean offerBeat(String id, String service) throws IOException {
        if (!flush()) {
            return false;
        }
        Request request = Request.beat(RegistrantInfo.of(id, service));
        ByteBuffer frame = ByteBuffer.allocate(Codec.requestFrameSize(request));
        Codec.putRequest(frame, nextId++, request, 0);
        frame.flip();
        wrap(frame);
        flush();
        return true;
    }

    /**
     * Reads what the socket has now and unwraps every whole record into {@code dst}, running the
     * engine's tasks; post-handshake messages of the other side (its KeyUpdate) are consumed here.
     *
     * @return the application bytes added to {@code dst}, or -1 at the end of the stream
     */
    int readApplication(ByteBuffer dst) throws IOException {
        int n = socket.read(netIn);
        int before = dst.position();
        while (true) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, dst);
            netIn.compact();
            for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                task.run();
            }
            if (result.getStatus() != SSLEngineResult.Status.OK || result.bytesConsumed() == 0) {
                break;
            }
        }
        int added = dst.position() - before;
        return n < 0 && added == 0 ? -1 : added;
    }

    /** True when encrypted bytes wait for the socket. */
    boolean hasPendingOutput() {
        return netOut.position() > 0;
    }

    /** Sends {@code bytes} as application data as far as the socket takes them now. */
    void sendApplicationBytes(byte[] bytes) throws IOException {
        wrap(ByteBuffer.wrap(bytes));
        flush();
    }

    /**
     * Begins a handshake on the established session and wraps what the engine has to send: on TLS
     * 1.3 a KeyUpdate (update_requested), on TLS 1.2 a renegotiation hello. Written as far as the
     * socket takes it; {@link #flush()} sends the rest.
     */
    void beginHandshake() throws IOException {
        engine.beginHandshake();
        for (int i = 0; i < 8 && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP; i++) {
            wrap(EMPTY);
        }
        flush();
    }

    /** Pipelines beats of {@code id} without reading, until the socket stayed full for {@code patience}. */
    int pipelineUntilFull(String id, String service, Duration patience, Duration bound, int keyUpdateEvery)
            throws Exception {
        long end = System.nanoTime() + bound.toNanos();
        long fullSince = 0;
        int sent = 0;
        while (System.nanoTime() - end < 0) {
            if (offerBeat(id, service)) {
                sent++;
                fullSince = 0;
                if (keyUpdateEvery > 0 && sent % keyUpdateEvery == 0) {
                    beginHandshake();
                }
            } else if (fullSince == 0) {
                fullSince = System.nanoTime();
            } else if (System.nanoTime() - fullSince > patience.toNanos()) {
                return sent;
            } else {
                Thread.sleep(2);
            }
        }
        return sent;
    }

    /** True once the other side closed (end of stream or a reset), reading at most {@code bound}. */
    boolean closedByPeerWithin(Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        while (System.nanoTime() - end < 0) {
            try {
                sink.clear();
                if (socket.read(sink) < 0) {
                    return true;
                }
            } catch (IOException reset) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    static List<String> protocols() {
        return List.of("TLSv1.3", "TLSv1.2");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
