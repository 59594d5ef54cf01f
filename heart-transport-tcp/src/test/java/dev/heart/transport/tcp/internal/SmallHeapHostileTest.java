package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.tcp.TcpTransport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers against a registry server in a child JVM with a 256 MiB heap and the default
 * limits: each case holds 1,024 hostile connections (from 127.0.0.2 to 127.0.0.5, the per-peer
 * limit of 256 each) while a well-behaved client on its own connection keeps beating; each asserts
 * the well-behaved client kept getting answers, the server's heap (after a full GC, measured by the
 * child) stayed bounded, and a newcomer still gets in. The figures are printed for the record.
 */
class SmallHeapHostileTest {
    private static final long TEN_SECONDS = 10_000_000_000L;
    private static final int HOSTILE = 1024;
    private static final long MIB = 1 << 20;

    private static SmallHeapRegistry registry;
    private static RequestProtocol client;
    private static Thread goodClient;
    private static final AtomicInteger answers = new AtomicInteger();
    private static final AtomicInteger failures = new AtomicInteger();
    private static volatile boolean running = true;
    private final List<Socket> hostile = new ArrayList<>();
    /** The child's heap after a full GC before this case. */
    private long heapBefore;

    @org.junit.jupiter.api.BeforeEach
    void measureTheHeapBefore() throws Exception {
        heapBefore = heapBytes();
    }

    @BeforeAll
    static void startRegistryAndAGoodClient() throws Exception {
        registry = SmallHeapRegistry.start();
        client = TcpTransport.create();
        goodClient = new Thread(
                () -> {
                    while (running) {
                        try {
                            Response response =
                                    Fixtures.await(client.send(Fixtures.to(registry.uri(), "good"), Fixtures.DEADLINE));
                            if ("good".equals(Fixtures.echoed(response))) {
                                answers.incrementAndGet();
                            }
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                },
                "test-good-client");
        goodClient.start();
        assertTrue(Fixtures.eventually(() -> answers.get() > 3), "the good client works");
        System.out.printf("[small-heap] baseline heap %.1f MiB%n", heapBytes() / (double) MIB);
    }

    @AfterAll
    static void stop() throws Exception {
        running = false;
        goodClient.join(10_000);
        client.close();
        boolean alive = registry.isAlive();
        registry.close();
        assertTrue(alive, "the registry survived every case");
        assertEquals(0, failures.get(), "the good client never failed");
    }

    @AfterEach
    void closeHostileConnections() throws IOException {
        for (Socket socket : hostile) {
            socket.close();
        }
    }

    @Test
    void connectionsAnnouncingOneMebibyteAndSendingEightBytes() throws Exception {
        byte[] eight = ByteBuffer.allocate(8)
                .putInt((int) MIB)
                .putShort(Wire.MAGIC)
                .put(Wire.VERSION)
                .put(Wire.KIND_REQUEST)
                .array();
        for (int i = 0; i < HOSTILE; i++) {
            connectHostile(i).getOutputStream().write(eight);
        }
        assertBoundedAndServing("1,024 connections announcing 1 MiB, 8 bytes sent", 64 * MIB);
    }

    @Test
    void connectionsSendingAnEighthOfAOneMebibyteFrameRunIntoTheBudget() throws Exception {
        byte[] part = new byte[128 * 1024];
        ByteBuffer.wrap(part)
                .putInt((int) MIB)
                .putShort(Wire.MAGIC)
                .put(Wire.VERSION)
                .put(Wire.KIND_REQUEST);
        int refused = 0;
        for (int i = 0; i < HOSTILE; i++) {
            try {
                connectHostile(i).getOutputStream().write(part);
            } catch (IOException closedByTheServer) {
                refused++;
            }
        }
        System.out.printf("[small-heap] %d of %d writes failed on connections the server closed%n", refused, HOSTILE);
        assertBoundedAndServing(
                "1,024 connections sending 128 KiB of a 1 MiB frame (128 MiB asked, budget 64 MiB)", 128 * MIB);
    }

    @Test
    void connectionsThatNeverSendTakeEverySlot() throws Exception {
        for (int i = 0; i < HOSTILE; i++) {
            connectHostile(i);
        }
        assertBoundedAndServing("1,024 connections that never send a byte (every slot taken)", 64 * MIB);
    }

    @Test
    void registrationsOfOneMebibyteOfAttributesEachRunIntoTheRegistrysByteBudget() throws Exception {
        String mebibyte = "x".repeat((int) MIB - 64 * 1024);
        int accepted = 0;
        int full = 0;
        try (RequestProtocol registrants =
                TcpTransport.builder().maxFrameSize(2 << 20).build()) {
            for (int i = 0; i < 250; i++) {
                Response response = Fixtures.await(registrants.send(
                        new OutgoingRequest(
                                Request.beat(
                                        new RegistrantInfo("big-" + i, "lease", java.util.Map.of("blob", mebibyte))),
                                registry.uri()),
                        Fixtures.DEADLINE));
                if (!response.reject()) {
                    accepted++;
                } else if (response.rejectReason() == dev.heart.api.RejectReason.CAPACITY) {
                    full++;
                }
            }
        }
        System.out.printf(
                "[small-heap] 250 registrations of ~1 MiB of attributes: %d accepted, %d rejected CAPACITY%n",
                accepted, full);
        assertTrue(accepted > 0 && accepted < 250, "the byte budget (64 MiB) stops them: " + accepted);
        assertEquals(250, accepted + full);
        assertBoundedAndServing(
                "250 registrations of ~1 MiB of attributes (250 MiB asked, registry budget 64 MiB)", 96 * MIB);
    }

    @Test
    void maximalErrorEchoesToPeersThatNeverReadStaySmall() throws Exception {
        byte[] frame = requestWhoseErrorWouldEchoAMebibyte();
        int refused = 0;
        for (int i = 0; i < HOSTILE; i++) {
            try {
                Socket socket = connectHostile(i, 4096); // a small receive buffer: the server holds what it sends
                socket.getOutputStream().write(frame);
            } catch (IOException closedByTheServer) {
                refused++;
            }
        }
        System.out.printf("[small-heap] %d of %d writes of a maximal bad frame failed%n", refused, HOSTILE);
        for (int i = 0; i < 4; i++) { // a few peers read the length of the error frame they were sent
            java.io.DataInputStream in = new java.io.DataInputStream(
                    hostile.get(hostile.size() - 1 - i).getInputStream());
            hostile.get(hostile.size() - 1 - i).setSoTimeout(10_000);
            int length = in.readInt();
            assertTrue(
                    length < 4096,
                    "an error frame of " + length + " bytes echoed the peer's input (the frame" + " limit is " + MIB
                            + ")");
        }
        assertBoundedAndServing(
                "1,024 non-reading peers each sending a 1 MiB frame whose error would echo its"
                        + " 1 MiB attribute key",
                64 * MIB);
    }

    /**
     * A request frame of the maximum size (1 MiB) whose attribute key fills it and whose value's
     * length is impossible: the error names the attribute ("value of attribute '...'"), which
     * echoed the whole key before the fix.
     */
    static byte[] requestWhoseErrorWouldEchoAMebibyte() {
        int overhead = Codec.requestFrameSize(Request.beat(new RegistrantInfo("e", "svc", java.util.Map.of("", "v"))));
        int keyLength = (int) MIB + Wire.LENGTH_BYTES - overhead;
        Request request = Request.beat(new RegistrantInfo("e", "svc", java.util.Map.of("k".repeat(keyLength), "v")));
        ByteBuffer frame = ByteBuffer.allocate(Codec.requestFrameSize(request));
        Codec.putRequest(frame, 1, request, 0);
        assertEquals(MIB, frame.getInt(0), "the length prefix is the maximum frame size");
        frame.putInt(frame.capacity() - 5, Integer.MAX_VALUE); // the value's length, then its one byte
        return frame.array();
    }

    /** Connection {@code i}, from 127.0.0.2 + i / 256. */
    private Socket connectHostile(int i) throws IOException {
        return connectHostile(i, 0);
    }

    /** Connection {@code i}, from 127.0.0.2 + i / 256, with a receive buffer of {@code receiveBuffer} bytes unless 0. */
    private Socket connectHostile(int i, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        hostile.add(socket);
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0." + (2 + i / 256)), 0));
        socket.connect(new java.net.InetSocketAddress(
                InetAddress.getLoopbackAddress(), registry.uri().getPort()));
        return socket;
    }

    /** Asserts the good client kept getting answers, a newcomer gets in, and the case added less than {@code heapBound}. */
    private void assertBoundedAndServing(String situation, long heapBound) throws Exception {
        int before = answers.get();
        assertTrue(
                Fixtures.eventually(() -> answers.get() >= before + 5),
                "the good client keeps getting answers: " + situation);
        long heap = heapBytes();
        try (RequestProtocol newcomer = TcpTransport.create()) {
            Response response =
                    Fixtures.await(newcomer.send(Fixtures.to(registry.uri(), "newcomer"), Fixtures.DEADLINE));
            assertEquals("newcomer", Fixtures.echoed(response), "a newcomer gets in: " + situation);
        }
        System.out.printf(
                "[small-heap] %s: heap after GC %.1f MiB (+%.1f MiB); the good client got %d answers"
                        + " meanwhile, %d failures so far%n",
                situation,
                heap / (double) MIB,
                (heap - heapBefore) / (double) MIB,
                answers.get() - before,
                failures.get());
        assertTrue(registry.isAlive(), situation);
        assertTrue(
                heap - heapBefore < heapBound,
                situation + ": heap grew by " + (heap - heapBefore) + " bytes, bound " + heapBound);
    }

    private static long heapBytes() throws Exception {
        Response response = Fixtures.await(client.send(
                new OutgoingRequest(Request.beat(RegistrantInfo.of("heap", "svc")), registry.uri()),
                Fixtures.DEADLINE));
        return Long.parseLong(response.registry().attributes().get("heap"));
    }
}
