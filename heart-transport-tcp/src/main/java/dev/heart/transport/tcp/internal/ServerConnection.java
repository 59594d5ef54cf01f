package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection of the registry server. Runs on the server's I/O thread only. Reads and
 * decodes requests, hands them to the server's handlers, batches the answers. Memory is bounded:
 * one frame being read, at most {@code maxInFlightPerConnection} requests handled, and a write
 * buffer beyond which the connection stops reading until the client takes its answers.
 */
final class ServerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final RegistryServer server;
    private final ServerSettings settings;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final String remote;
    private final FrameDecoder decoder;
    private final OutBuffer out = new OutBuffer(16 * 1024);
    private int inflight;
    private boolean reading = true;
    private boolean closed;
    private long lastActivityNanos;
    private long partialSinceNanos;
    private long lastWriteNanos;

    ServerConnection(RegistryServer server, ServerSettings settings, SocketChannel channel, SelectionKey key,
            String remote) {
        this.server = server;
        this.settings = settings;
        this.channel = channel;
        this.key = key;
        this.remote = remote;
        this.decoder = new FrameDecoder(settings.maxFrameSize(), 16 * 1024);
        this.lastActivityNanos = System.nanoTime();
        this.lastWriteNanos = lastActivityNanos;
    }

    boolean isClosed() {
        return closed;
    }

    /** True when nothing is in flight or waiting to be written. */
    boolean drained() {
        return inflight == 0 && out.size() == 0;
    }

    void ready() {
        if (!key.isValid()) {
            return;
        }
        if (key.isReadable()) {
            read();
        }
        if (!closed && key.isValid() && key.isWritable()) {
            flush();
        }
    }

    /** Stops reading for good, for a graceful close. */
    void stopReading() {
        reading = false;
        updateInterest();
    }

    /** A handler finished. */
    void complete(Completion completion) {
        inflight--;
        if (closed) {
            return;
        }
        if (completion.response() != null) {
            int size = Codec.responseFrameSize(completion.response());
            if (size - Wire.LENGTH_BYTES <= settings.maxFrameSize()) {
                Codec.putResponse(reserve(size), completion.id(), completion.response());
            } else {
                error(completion.id(), Wire.ERROR_HANDLER_FAILED, "response of " + size
                        + " bytes exceeds the maximum frame size " + settings.maxFrameSize());
            }
        } else {
            error(completion.id(), completion.errorCode(), completion.error());
        }
    }

    /** After a batch of completions: write, and read again if there is room. */
    void afterCompletions() {
        if (closed) {
            return;
        }
        flush();
        if (!closed && reading && canTakeMore() && decoder.hasPartialFrame()) {
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
        if (reading && canTakeMore() && partialSinceNanos != 0 && now - partialSinceNanos > frameTimeout) {
            close("no complete frame within " + settings.frameReadTimeout().toMillis() + " ms (slow or stalled sender)",
                    true);
        } else if (out.size() > 0 && now - lastWriteNanos > frameTimeout) {
            close("client took no answer for " + settings.frameReadTimeout().toMillis() + " ms", true);
        } else if (drained() && !decoder.hasPartialFrame()
                && now - lastActivityNanos > Codec.nanos(settings.idleTimeout())) {
            close("idle for " + settings.idleTimeout().toMillis() + " ms", false);
        }
    }

    void close(String reason, boolean warn) {
        if (closed) {
            return;
        }
        closed = true;
        if (warn) {
            LOG.warn("closing connection from {}: {}", remote, reason);
        } else {
            LOG.debug("closing connection from {}: {}", remote, reason);
        }
        key.cancel();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing connection from {}: {}", remote, e.toString());
        }
        server.closed(this);
    }

    private void read() {
        try {
            for (int reads = 0; reads < 16 && reading && canTakeMore(); reads++) {
                ByteBuffer buffer = decoder.writable();
                int n = channel.read(buffer);
                if (n < 0) {
                    close(decoder.hasPartialFrame() ? "closed by the client in the middle of a frame"
                            : "closed by the client", false);
                    return;
                }
                if (n > 0) {
                    lastActivityNanos = System.nanoTime();
                }
                process();
                if (closed || n == 0 || buffer.hasRemaining()) {
                    break;
                }
            }
        } catch (IOException e) {
            close("read failed: " + e, false);
            return;
        }
        updateInterest();
    }

    private void process() {
        boolean decoded = false;
        try {
            while (!closed && canTakeMore() && decoder.next()) {
                decoded = true;
                onFrame();
            }
        } catch (ProtocolException e) {
            fatal(e);
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

    private void onFrame() throws ProtocolException {
        byte kind = decoder.kind();
        long id = decoder.id();
        if (kind != Wire.KIND_REQUEST) {
            throw ProtocolException.fatal("unexpected " + Wire.kindName(kind) + " frame from a client",
                    Wire.ERROR_PROTOCOL);
        }
        if (id == 0) {
            throw ProtocolException.fatal("request with the reserved id 0", Wire.ERROR_PROTOCOL);
        }
        IncomingRequest request;
        try {
            request = Codec.readRequest(id, decoder.payload());
        } catch (ProtocolException e) {
            LOG.debug("bad request #{} from {}: {}", id, remote, e.getMessage());
            error(id, Wire.ERROR_BAD_REQUEST, e.getMessage());
            return;
        }
        inflight++;
        server.dispatch(this, request);
    }

    private void fatal(ProtocolException e) {
        error(0, e.errorCode(), e.getMessage());
        try {
            out.writeTo(channel);
        } catch (IOException ignored) {
            // best effort: the connection closes anyway
        }
        close("protocol error: " + e.getMessage(), true);
    }

    private void error(long id, byte code, String message) {
        String text = message == null ? "" : message;
        Codec.putError(reserve(Codec.errorFrameSize(text)), id, code, text);
    }

    private ByteBuffer reserve(int bytes) {
        if (out.size() == 0) {
            lastWriteNanos = System.nanoTime(); // the client's time to take answers starts now
        }
        return out.reserve(bytes);
    }

    private void flush() {
        if (closed || out.size() == 0) {
            updateInterest();
            return;
        }
        int before = out.size();
        try {
            out.writeTo(channel);
        } catch (IOException e) {
            close("write failed: " + e, false);
            return;
        }
        if (out.size() < before) {
            lastWriteNanos = System.nanoTime();
        }
        updateInterest();
    }

    private boolean canTakeMore() {
        return inflight < settings.maxInFlightPerConnection() && out.size() < settings.maxFrameSize();
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = (reading && canTakeMore() ? SelectionKey.OP_READ : 0)
                | (out.size() > 0 ? SelectionKey.OP_WRITE : 0);
        if (ops != key.interestOps()) {
            key.interestOps(ops);
        }
    }
}
