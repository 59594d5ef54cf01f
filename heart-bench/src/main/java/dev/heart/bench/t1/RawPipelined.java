package dev.heart.bench.t1;

import dev.heart.bench.tcp.Counter;
import dev.heart.bench.tcp.Frames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The T1 baseline: the fastest simple code for the same exchange. One client thread keeps
 * {@code window} request frames in flight on one non-blocking {@link SocketChannel} (a selector,
 * batched writes: every answer read puts one new request with the same id into the out buffer,
 * and the buffer is written once per read); one server thread answers on a blocking channel:
 * read what is there, append one response frame per whole request frame (only the length and
 * the id are read), write the batch. Frames are those of {@link Frames}, the sizes of the heart's.
 *
 * <p>{@link #close()} stops both threads and closes the sockets.
 */
public final class RawPipelined implements AutoCloseable {
    private static final int BUFFER_BYTES = 256 * 1024;

    private final byte[] request;
    private final byte[] response;
    private final int window;
    private final ServerSocketChannel acceptor;
    private final SocketChannel client;
    private final SocketChannel serverSide;
    private final Selector selector;
    private final Thread clientThread;
    private final Thread serverThread;
    private final Counter answers = new Counter();
    private volatile boolean running = true;

    private RawPipelined(byte[] request, byte[] response, int window) throws IOException {
        this.request = request;
        this.response = response;
        this.window = window;
        acceptor = ServerSocketChannel.open();
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(acceptor.getLocalAddress());
        serverSide = acceptor.accept();
        for (SocketChannel channel : new SocketChannel[] {client, serverSide}) {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        client.configureBlocking(false);
        selector = Selector.open();
        serverThread = new Thread(this::serve, "t1-raw-server");
        clientThread = new Thread(this::drive, "t1-raw-client");
        serverThread.setDaemon(true);
        clientThread.setDaemon(true);
        serverThread.start();
        clientThread.start();
    }

    /**
     * Starts the pair: {@code window} requests in flight from now until {@link #close()}.
     *
     * @param request  a request frame (see {@link Frames#request}); its id is overwritten
     * @param response the response frame the server sends back, with the request's id
     */
    public static RawPipelined start(byte[] request, byte[] response, int window) {
        try {
            return new RawPipelined(request.clone(), response.clone(), window);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the raw pair on loopback", e);
        }
    }

    /** Answers the client received. */
    public Counter answers() {
        return answers;
    }

    private void drive() {
        ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        ByteBuffer out = ByteBuffer.allocateDirect(Math.max(BUFFER_BYTES, window * request.length));
        try {
            SelectionKey key = client.register(selector, SelectionKey.OP_READ);
            for (int i = 1; i <= window; i++) {
                putRequest(out, i);
            }
            while (running) {
                out.flip();
                client.write(out);
                out.compact();
                key.interestOps(out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                selector.select(100);
                selector.selectedKeys().clear();
                if (client.read(in) < 0) {
                    throw new IOException("the raw server closed the connection");
                }
                in.flip();
                while (in.remaining() >= Frames.LENGTH_BYTES
                        && in.remaining() >= Frames.LENGTH_BYTES + in.getInt(in.position())) {
                    int start = in.position();
                    long id = in.getLong(start + Frames.ID_OFFSET);
                    in.position(start + Frames.LENGTH_BYTES + in.getInt(start));
                    answers.increment();
                    putRequest(out, id);
                }
                in.compact();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                answers.fail(e);
            }
        }
    }

    private void putRequest(ByteBuffer out, long id) {
        int start = out.position();
        out.put(request);
        Frames.putId(out, start, id);
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES / request.length * response.length + response.length);
        try {
            while (running) {
                if (serverSide.read(in) < 0) {
                    return;
                }
                in.flip();
                while (in.remaining() >= Frames.LENGTH_BYTES
                        && in.remaining() >= Frames.LENGTH_BYTES + in.getInt(in.position())) {
                    int start = in.position();
                    long id = in.getLong(start + Frames.ID_OFFSET);
                    in.position(start + Frames.LENGTH_BYTES + in.getInt(start));
                    int at = out.position();
                    out.put(response);
                    Frames.putId(out, at, id);
                }
                in.compact();
                out.flip();
                while (out.hasRemaining()) {
                    serverSide.write(out);
                }
                out.clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                answers.fail(e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            clientThread.join(10_000);
            client.close();
            serverThread.join(10_000);
            serverSide.close();
            acceptor.close();
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (clientThread.isAlive() || serverThread.isAlive()) {
            throw new IllegalStateException("a raw T1 thread did not stop within 10 s");
        }
    }
}
