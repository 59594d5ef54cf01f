package dev.heart.bench.t2;

import dev.heart.bench.tcp.Frames;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The T2 baseline: a blocking socket ping-pong on loopback. {@link #exchange()} writes one
 * request frame and reads the whole response frame on the calling thread; a server thread reads
 * each whole request frame and writes the response frame with its id. Frames are those of
 * {@link Frames}, the sizes of the heart's. Not thread-safe: one exchange at a time.
 * {@link #close()} stops the server thread and closes the sockets.
 */
public final class RawPingPong implements AutoCloseable {
    private final ServerSocketChannel acceptor;
    private final SocketChannel client;
    private final SocketChannel serverSide;
    private final Thread serverThread;
    private final ByteBuffer request;
    private final ByteBuffer answer;
    private final byte[] response;
    private long nextId = 1;
    private volatile boolean running = true;

    private RawPingPong(byte[] request, byte[] response) throws IOException {
        this.request = ByteBuffer.allocateDirect(request.length).put(request);
        this.answer = ByteBuffer.allocateDirect(response.length);
        this.response = response;
        acceptor = ServerSocketChannel.open();
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client = SocketChannel.open(acceptor.getLocalAddress());
        serverSide = acceptor.accept();
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        serverSide.setOption(StandardSocketOptions.TCP_NODELAY, true);
        serverThread = new Thread(this::serve, "t2-raw-server");
        serverThread.setDaemon(true);
        serverThread.start();
    }

    /**
     * Opens the pair.
     *
     * @param request  a request frame (see {@link Frames#request}); its id is overwritten
     * @param response the response frame the server sends back, with the request's id
     */
    public static RawPingPong open(byte[] request, byte[] response) {
        try {
            return new RawPingPong(request.clone(), response.clone());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the raw pair on loopback", e);
        }
    }

    /**
     * One request, one response.
     *
     * @return the id the response carried
     */
    public long exchange() throws IOException {
        long id = nextId++;
        Frames.putId(request, 0, id);
        request.clear();
        while (request.hasRemaining()) {
            client.write(request);
        }
        answer.clear();
        readFully(client, answer);
        long got = answer.getLong(Frames.ID_OFFSET);
        if (got != id) {
            throw new IllegalStateException("answer to #" + got + " for request #" + id);
        }
        return got;
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        ByteBuffer out = ByteBuffer.allocateDirect(response.length).put(response);
        try {
            while (running) {
                in.clear().limit(Frames.LENGTH_BYTES);
                readFully(serverSide, in);
                int length = in.getInt(0);
                in.limit(Frames.LENGTH_BYTES + length);
                readFully(serverSide, in);
                Frames.putId(out, 0, in.getLong(Frames.ID_OFFSET));
                out.clear();
                while (out.hasRemaining()) {
                    serverSide.write(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                throw new IllegalStateException("the T2 raw server failed", e);
            }
        }
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("peer closed the connection");
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            client.close();
            serverThread.join(10_000);
            serverSide.close();
            acceptor.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (serverThread.isAlive()) {
            throw new IllegalStateException("the T2 raw server thread did not stop within 10 s");
        }
    }
}
