package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side and the accounting of one client connection of the registry server; its write
 * side is a {@link ResponseWriter}. Runs on the server's I/O thread, except
 * {@link #answerDirectly} and {@link #waitsForNotices}, which a handler thread calls while the I/O
 * thread sleeps. Reads and decodes requests, hands them to the server's handlers, batches the
 * answers. Memory is bounded: one frame being read (grown with the bytes that arrived, within the
 * server's budget), at most {@code maxInFlightPerConnection} requests handled, and a write backlog
 * beyond which the connection stops reading until the client takes its answers.
 */
final class ServerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
    private static final int READ_BUFFER_BYTES = 16 * 1024;
    /**
     * Reads per readiness at most: a peer that always has more (a fast sender, a TLS record
     * buffered) gets its next turn after the other connections', never the I/O thread for good.
     */
    private static final int MAX_READS_PER_TURN = 16;
    /** Answers waiting to be written beyond which the connection stops reading. */
    private static final int MAX_WRITE_BACKLOG = 64 * 1024;

    private final RegistryServer server;
    private final ServerSettings settings;
    private final ConnectionIo channel;
    private final SelectionKey key;
    private final String remote;
    private final InetAddress peer;
    private final FrameDecoder decoder;
    private final ResponseWriter writer;
    private final long acceptedNanos;
    private int inFlight;
    private boolean reading = true;
    private volatile boolean closed;
    private volatile boolean paused;
    /** True between the first completion of a batch and {@link #afterCompletions()}. */
    private boolean inCompletionBatch;
    /** True once a whole frame arrived: such a connection is never evicted for a newcomer. */
    private boolean sentCompleteFrame;

    private long lastActivityNanos;
    private long partialSinceNanos;
    /** The client's certificate, read once its first frame arrived (the handshake is done by then). */
    private volatile java.security.cert.X509Certificate clientCertificate;
    /** The certificate's encoding as a key for the per-certificate limit; null without one. */
    private Object certificateKey;

    ServerConnection(
            RegistryServer server,
            ServerSettings settings,
            ConnectionIo channel,
            SelectionKey key,
            InetAddress peer,
            String remote,
            ByteBudget partialFrameBudget) {
        this.server = server;
        this.settings = settings;
        this.channel = channel;
        this.key = key;
        this.peer = peer;
        this.remote = remote;
        this.decoder = new FrameDecoder(settings.maxFrameSize(), READ_BUFFER_BYTES, partialFrameBudget);
        this.writer = new ResponseWriter(channel, key, settings.maxFrameSize());
        this.acceptedNanos = System.nanoTime();
        this.lastActivityNanos = acceptedNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** Any thread: the client's verified certificate, or null (plaintext, or none sent). */
    java.security.cert.X509Certificate clientCertificate() {
        return clientCertificate;
    }

    /** The peer's address, for the per-peer limit. */
    InetAddress peer() {
        return peer;
    }

    /** When the last byte arrived, or when the connection was accepted ({@link System#nanoTime()}). */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** The client certificate this connection counts for (its encoded form), or null. */
    Object certificateKey() {
        return certificateKey;
    }

    /** True once a whole frame arrived on this connection. */
    boolean sentCompleteFrame() {
        return sentCompleteFrame;
    }

    /** True when nothing is in flight or waiting to be written. */
    boolean drained() {
        return inFlight == 0 && writer.waitingBytes() == 0;
    }

    /**
     * Handler thread, while the I/O thread sleeps: writes {@code answered} at once when possible
     * (see {@link ResponseWriter#tryAnswerDirectly}). On true, queue a {@link Completion.AlreadySent}
     * for the accounting; on false, queue {@code answered} itself.
     */
    boolean answerDirectly(Completion.Answered answered) {
        return !closed && writer.tryAnswerDirectly(answered.id(), answered.response());
    }

    /**
     * Any thread: true when the I/O thread waits for handlers to finish before it goes on (reading
     * paused at a limit, or the server closing), so an {@link Completion.AlreadySent} must wake it.
     */
    boolean waitsForNotices() {
        return paused || closed || server.isClosing();
    }

    void ready() {
        if (!key.isValid()) {
            return;
        }
        if (key.isReadable() || channel.hasBufferedInput()) {
            read();
        }
        if (!closed && key.isValid() && key.isWritable()) {
            flush();
            if (!closed && reading && canTakeMore() && channel.hasBufferedInput()) {
                read(); // input held back while a TLS post-handshake answer waited for the socket
            }
        }
    }

    /** I/O thread: the next turn of a connection whose last read stopped with input still buffered. */
    void readBuffered() {
        if (!closed && key.isValid() && reading && canTakeMore() && channel.hasBufferedInput()) {
            read();
        }
    }

    /** Stops reading for good, for a graceful close. */
    void stopReading() {
        reading = false;
        updateInterest();
    }

    /**
     * A handler finished.
     *
     * @return true when {@link #afterCompletions()} is now due, once per batch
     */
    boolean complete(Completion completion) {
        inFlight--;
        if (closed) {
            return false;
        }
        boolean first = !inCompletionBatch;
        inCompletionBatch = true;
        if (completion instanceof Completion.Answered answered) {
            byte[] registrySection =
                    server.registries().encode(answered.response().registry());
            if (!writer.queueResponse(answered.id(), answered.response(), registrySection)) {
                writer.queueError(
                        answered.id(),
                        Wire.ERROR_HANDLER_FAILED,
                        "the response exceeds the maximum" + " frame size " + settings.maxFrameSize());
            }
        } else if (completion instanceof Completion.Failed failed) {
            writer.queueError(failed.id(), failed.code(), failed.message());
            if (failed.closesConnection()) {
                writer.flushBestEffort();
                closeForMisbehaviour("serving request #" + failed.id() + " failed: " + failed.message());
            }
        } // else Completion.AlreadySent: written by a handler thread; only the accounting above was left
        return first;
    }

    /** After a batch of completions: write, and read again if there is room. */
    void afterCompletions() {
        inCompletionBatch = false;
        if (closed) {
            return;
        }
        flush();
        if (!closed && reading && canTakeMore() && channel.hasBufferedInput()) {
            read();
        } else if (!closed && reading && canTakeMore() && decoder.hasPartialFrame()) {
            process();
        }
        updateInterest();
    }

    /** Closes the connection when it broke a timeout. */
    void sweep(long now) {
        if (closed) {
            return;
        }
        long frameTimeout = Codec.nanos(settings.frameReadTimeout());
        if (!sentCompleteFrame && now - acceptedNanos > Codec.nanos(settings.firstFrameTimeout())) {
            closeWithError(
                    Wire.ERROR_PROTOCOL,
                    "no complete frame within " + settings.firstFrameTimeout().toMillis()
                            + " ms of connecting (firstFrameTimeout)");
        } else if (reading && canTakeMore() && partialSinceNanos != 0 && now - partialSinceNanos > frameTimeout) {
            closeForMisbehaviour("no complete frame within "
                    + settings.frameReadTimeout().toMillis() + " ms (slow or stalled sender)");
        } else if (writer.waitingBytes() > 0 && now - writer.lastWriteNanos() > frameTimeout) {
            closeForMisbehaviour(
                    "client took no answer for " + settings.frameReadTimeout().toMillis() + " ms");
        } else if (channel.hasPendingOutput() && now - channel.lastOutputNanos() > frameTimeout) {
            closeForMisbehaviour("client took no TLS bytes for "
                    + settings.frameReadTimeout().toMillis() + " ms");
        } else if (drained()
                && !decoder.hasPartialFrame()
                && now - lastActivityNanos > Codec.nanos(settings.idleTimeout())) {
            close("idle for " + settings.idleTimeout().toMillis() + " ms");
        }
    }

    /** Sends error {@code code} with id 0 best effort, then closes: the connection as a whole is refused. */
    void closeWithError(byte code, String reason) {
        if (closed) {
            return;
        }
        writer.queueError(0, code, reason);
        writer.flushBestEffort();
        closeForMisbehaviour(reason);
    }

    /** Closes for a reason that is normal (idle, closed by the peer, server closing): DEBUG log. */
    void close(String reason) {
        closeAndLog(reason, false);
    }

    /** Closes because the peer misbehaved or the server failed serving it: WARN log, at most one line per 10 s. */
    void closeForMisbehaviour(String reason) {
        closeAndLog(reason, true);
    }

    private void closeAndLog(String reason, boolean warn) {
        if (closed) {
            return;
        }
        closed = true;
        if (warn) {
            server.misbehaved(remote, reason);
        } else {
            LOG.debug("closing connection from {}: {}", remote, reason);
        }
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing connection from {}: {}", remote, e.toString());
        }
        decoder.release();
        server.closed(this);
    }

    private void read() {
        try {
            for (int reads = 0; reads < MAX_READS_PER_TURN && reading && canTakeMore(); reads++) {
                ByteBuffer buffer = decoder.writable();
                int n = channel.read(buffer);
                if (n < 0) {
                    if (decoder.hasPartialFrame()) {
                        server.peerClosedMidFrame(remote);
                        close("closed by the client in the middle of a frame");
                    } else {
                        close("closed by the client");
                    }
                    return;
                }
                if (n > 0) {
                    lastActivityNanos = System.nanoTime();
                }
                process();
                if (closed || n == 0 || (buffer.hasRemaining() && !channel.hasBufferedInput())) {
                    break; // no progress (the socket is empty, or TLS waits to write) or nothing more now
                }
            }
            if (!closed && reading && canTakeMore() && channel.hasBufferedInput()) {
                server.readAgain(this);
            }
        } catch (TlsIo.PlaintextPeerException e) {
            writer.sendPlaintextError(e.getMessage()); // a plaintext heart client on a TLS port: tell it so
            closeForMisbehaviour(e.getMessage());
            return;
        } catch (javax.net.ssl.SSLException e) {
            server.tlsFailed(remote, e);
            close("TLS failed: " + e.getMessage());
            return;
        } catch (IOException e) {
            close("read failed: " + e);
            return;
        }
        updateInterest();
    }

    private void process() {
        boolean decoded = false;
        try {
            while (!closed && canTakeMore() && decoder.next()) {
                decoded = true;
                if (!sentCompleteFrame) {
                    sentCompleteFrame = true;
                    clientCertificate = channel.peerCertificate();
                    if (clientCertificate != null && !countCertificate()) {
                        return;
                    }
                }
                onFrame();
            }
        } catch (ProtocolException e) {
            closeWithError(e.errorCode(), e.getMessage());
            return;
        }
        if (closed) {
            return;
        }
        if (!decoder.hasPartialFrame()) {
            partialSinceNanos = 0;
        } else if (decoded || partialSinceNanos == 0) {
            partialSinceNanos = System.nanoTime();
        }
        flush();
    }

    /** Counts this connection for its client certificate; false when the limit closed it. */
    private boolean countCertificate() {
        try {
            Object key = java.nio.ByteBuffer.wrap(clientCertificate.getEncoded());
            certificateKey = key;
            return server.certificateKnown(this, key);
        } catch (java.security.cert.CertificateEncodingException e) {
            return true; // the JDK verified it: it has an encoding
        }
    }

    private void onFrame() throws ProtocolException {
        byte kind = decoder.kind();
        long id = decoder.id();
        if (kind != Wire.KIND_REQUEST) {
            throw ProtocolException.fatal(
                    "unexpected " + Wire.kindName(kind) + " frame from a client", Wire.ERROR_PROTOCOL);
        }
        if (id == 0) {
            throw ProtocolException.fatal("request with the reserved id 0", Wire.ERROR_PROTOCOL);
        }
        IncomingRequest request;
        try {
            request = Codec.readRequest(id, decoder.payload());
        } catch (ProtocolException e) {
            LOG.debug("bad request #{} from {}: {}", id, remote, e.getMessage());
            writer.queueError(id, Wire.ERROR_BAD_REQUEST, e.getMessage());
            return;
        }
        inFlight++;
        server.dispatch(this, request);
    }

    private void flush() {
        if (closed) {
            return;
        }
        try {
            writer.flush();
        } catch (IOException e) {
            close("write failed: " + e);
            return;
        }
        updateInterest();
    }

    private boolean canTakeMore() {
        return inFlight < settings.maxInFlightPerConnection()
                && writer.waitingBytes() < Math.min(settings.maxFrameSize(), MAX_WRITE_BACKLOG);
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        boolean takeMore = canTakeMore();
        paused = reading && !takeMore;
        writer.updateInterest(reading && takeMore && !channel.waitsToWrite());
    }
}
