package dev.heart.transport.tcp.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/** Hand-made peers on 127.0.0.1 for tests: a closed port, a server that never or wrongly answers. */
final class RawPeers {
    private RawPeers() {}

    /** A tcp URI on 127.0.0.1 where nothing listens (a port just released). */
    static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("tcp://127.0.0.1:" + socket.getLocalPort());
        }
    }

    static Silent silent() throws IOException {
        return new Silent();
    }

    /**
     * A server that answers every request frame on its first connection with the bytes
     * {@code reply} makes of the request's id.
     */
    static Silent answering(LongFunction<byte[]> reply) throws IOException {
        return new Silent(reply);
    }

    /** Accepts connections and never reads or writes; closing it closes them all. */
    static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final CopyOnWriteArrayList<Socket> accepted = new CopyOnWriteArrayList<>();
        private final CountDownLatch first = new CountDownLatch(1);
        private final Thread acceptor;

        Silent() throws IOException {
            this(null);
        }

        Silent(LongFunction<byte[]> reply) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            acceptor = new Thread(
                    () -> {
                        try {
                            while (true) {
                                Socket socket = server.accept();
                                accepted.add(socket);
                                first.countDown();
                                if (reply != null) {
                                    answer(socket, reply);
                                }
                            }
                        } catch (IOException closed) {
                            // the test is over
                        }
                    },
                    "test-raw-acceptor");
            acceptor.start();
        }

        private static void answer(Socket socket, LongFunction<byte[]> reply) throws IOException {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = in.readInt();
                byte[] frame = new byte[length];
                in.readFully(frame);
                socket.getOutputStream()
                        .write(reply.apply(ByteBuffer.wrap(frame).getLong(4)));
            }
        }

        URI uri() {
            return URI.create("tcp://127.0.0.1:" + server.getLocalPort());
        }

        boolean awaitAccepted() throws InterruptedException {
            return first.await(10, TimeUnit.SECONDS);
        }

        /** Closes the accepted connections, as a crashing server would. */
        void dropConnections() throws IOException {
            for (Socket socket : accepted) {
                socket.close();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            dropConnections();
            try {
                acceptor.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
