package dev.heart.bench.t1;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.bench.tcp.Counter;
import dev.heart.bench.tcp.TrivialRegistry;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.internal.FrameCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * The T1 baseline: a minimal correct client written for the benchmark, against the same
 * {@link TcpRegistryServer} and {@link TrivialRegistry} as the heart side. One thread, raw NIO, one
 * connection, {@code registrants} requests in flight (one per registrant, its correlation id its
 * number + 1): it decodes every answer with the transport's own codec ({@link FrameCodec}: the frame
 * decoder and the response decoder, registry cache included) and encodes that registrant's next
 * request with it, batching what it writes. What any client must do, and nothing more: no engine,
 * no timers, no futures, no retries.
 *
 * <p>{@link #close()} stops the thread and closes the connection and the server.
 */
public final class CodecClient implements AutoCloseable {
    private static final long DEADLINE_NANOS = Duration.ofSeconds(10).toNanos();

    private final TcpRegistryServer server;
    private final SocketChannel channel;
    private final Selector selector;
    private final Request[] requests;
    private final FrameCodec.AnswerFrames answers = new FrameCodec.AnswerFrames(1 << 20);
    private final Counter counted = new Counter();
    private final Thread thread;
    private ByteBuffer out = ByteBuffer.allocate(1 << 20);
    private volatile boolean running = true;

    private CodecClient(int registrants) throws IOException {
        TrivialRegistry[] registry = new TrivialRegistry[1];
        server = TcpRegistryServer.builder(request -> registry[0].handle(request))
                .executor(Runnable::run)
                .start();
        registry[0] = new TrivialRegistry(server.uri());
        requests = new Request[registrants];
        for (int i = 0; i < registrants; i++) {
            requests[i] = Request.beat(RegistrantInfo.of(TrivialRegistry.registrantId(i), TrivialRegistry.SERVICE));
        }
        channel = SocketChannel.open(new InetSocketAddress(
                server.address().getAddress(), server.address().getPort()));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        selector = Selector.open();
        thread = new Thread(this::drive, "t1-codec-client");
        thread.setDaemon(true);
        thread.start();
    }

    /** Connects to a new server and keeps {@code registrants} requests in flight until {@link #close()}. */
    public static CodecClient start(int registrants) {
        try {
            return new CodecClient(registrants);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the codec client on loopback", e);
        }
    }

    /** Answers decoded. */
    public Counter answers() {
        return counted;
    }

    private void drive() {
        try {
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            for (int i = 0; i < requests.length; i++) {
                encode(i);
            }
            write(key);
            while (running) {
                selector.select(100);
                if (key.isReadable()) {
                    read();
                }
                write(key);
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                counted.fail(e);
            }
        }
    }

    private void read() throws IOException {
        for (int reads = 0; reads < 16; reads++) {
            ByteBuffer buffer = answers.writable();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            while (answers.next()) {
                long id = answers.id();
                if (answers.response().reject()) {
                    throw new IOException("request " + id + " was rejected");
                }
                counted.increment();
                encode((int) (id - 1));
            }
            if (n == 0 || buffer.hasRemaining()) {
                return;
            }
        }
    }

    private void encode(int registrant) {
        Request request = requests[registrant];
        int size = FrameCodec.requestFrameSize(request);
        if (out.remaining() < size) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + size));
            out.flip();
            out = bigger.put(out);
        }
        FrameCodec.putRequest(out, registrant + 1L, request, DEADLINE_NANOS);
    }

    private void write(SelectionKey key) throws IOException {
        out.flip();
        try {
            while (out.hasRemaining() && channel.write(out) > 0) {
                // write what the socket takes
            }
        } finally {
            out.compact();
        }
        key.interestOps(SelectionKey.OP_READ | (out.position() > 0 ? SelectionKey.OP_WRITE : 0));
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(10_000);
            channel.close();
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
    }
}
