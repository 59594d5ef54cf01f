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

    private final RegistryServer server;
    private final ServerSettings settings;
    private final ConnectionIo channel;
    private final SelectionKey key;
    private final String remote;
    private final InetAddress peer;
    private final FrameDecoder decoder;
    private final ResponseWriter writer;
    private final ConnectionTimeouts timeouts;
    private final ClientCertificate certificate = new ClientCertificate();
    private int inFlight;
    private boolean reading = true;
    private volatile boolean closed;
    private volatile boolean paused;
    /** True between the first completion of a batch and {@link #afterCompletions()}. */
    private boolean inCompletionBatch;
    /** True once a whole frame arrived: such a connection is never evicted for a newcomer. */
    private boolean sentCompleteFrame;

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
        this.timeouts = new ConnectionTimeouts(settings);
    }

    boolean isClosed() {
        return closed;
    }

    /** The client's certificate (any thread) and what it counts for in the per-certificate limit. */
    ClientCertificate certificate() {
        return certificate;
    }

    /** The peer's address, for the per-peer limit. */
    InetAddress peer() {
        return peer;
    }

    /** When the last byte arrived, or when the connection was accepted ({@link System#nanoTime()}). */
    long lastActivityNanos() {
        return timeouts.lastActivityNanos();
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
            writer.queueAnswer(answered, server.registries());
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
        if (!closed) {
            boolean quiet = drained() && !decoder.hasPartialFrame();
            timeouts.sweep(this, now, sentCompleteFrame, reading && canTakeMore(), writer, channel, quiet);
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
            server.peerLogs().misbehaved(remote, reason);
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
                        server.peerLogs().peerClosedMidFrame(remote);
                        close("closed by the client in the middle of a frame");
                    } else {
                        close("closed by the client");
                    }
                    return;
                }
                if (n > 0) {
                    timeouts.heard();
                }
                process();
                if (closed || n == 0 || (buffer.hasRemaining() && !channel.hasBufferedInput())) {
                    break; // no progress (the socket is empty, or TLS waits to write) or nothing more now
                }
            }
            if (!closed && reading && canTakeMore() && channel.hasBufferedInput()) {
                server.readAgain(this);
            }
        } catch (PlaintextPeerException e) {
            writer.sendPlaintextError(e.getMessage()); // a plaintext heart client on a TLS port: tell it so
            closeForMisbehaviour(e.getMessage());
            return;
        } catch (javax.net.ssl.SSLException e) {
            server.peerLogs().tlsFailed(remote, e);
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
                    if (!certificate.read(channel, server, this)) {
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
        timeouts.decoded(decoder.hasPartialFrame(), decoded);
        flush();
    }

    private void onFrame() throws ProtocolException {
        long id = decoder.requestId();
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
        return inFlight < settings.maxInFlightPerConnection() && !writer.backlogged();
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
