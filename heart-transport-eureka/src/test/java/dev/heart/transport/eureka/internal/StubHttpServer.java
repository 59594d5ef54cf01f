package dev.heart.transport.eureka.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny HTTP/1.1 server on a loopback socket, for fault injection where a real Eureka server
 * cannot be made to misbehave: it records every request and answers what its handler says
 * (or never, for {@link #HANG}). Keeps connections alive; counts them. Thread-safe.
 */
final class StubHttpServer implements AutoCloseable {
    /** One request as received. */
    record Received(String method, String target, Map<String, String> headers, String body) {
        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }
    }

    /** An answer: status and body. */
    record Answer(int status, String body, String contentType) {
        static Answer of(int status) {
            return new Answer(status, "", "application/json");
        }
    }

    /** The handler's answer for "never answer". */
    static final Answer HANG = new Answer(-1, "", "");

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Function<Received, Answer> handler;
    private final Thread acceptor;

    StubHttpServer(Function<Received, Answer> handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "stub-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI target() {
        return URI.create("eureka://127.0.0.1:" + server.getLocalPort() + "/eureka");
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** The most connections open at once so far. */
    int maxOpenConnections() {
        return maxOpen.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                connections.incrementAndGet();
                maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                Thread connection = new Thread(() -> serve(socket), "stub-http-conn");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new TreeMap<>();
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    headers.put(
                            header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).strip());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                String[] parts = requestLine.split(" ");
                Received request = new Received(parts[0], parts[1], headers, body);
                received.add(request);
                Answer answer = handler.apply(request);
                if (answer == HANG) {
                    in.read(); // until the client gives up and closes
                    return;
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                String head = "HTTP/1.1 " + answer.status() + " X\r\nContent-Length: " + bytes.length
                        + "\r\nContent-Type: " + answer.contentType() + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        } finally {
            open.decrementAndGet();
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
