package dev.heart.transport.zookeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.zookeeper.harness.ZkServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One session, three threads, whatever the number of registrants: the transport's timer
 * {@code heart-zk} and ZooKeeper's own two, named after it; none left after close.
 */
@Timeout(60)
class ThreadsTest {

    static Set<String> zkThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && thread.getName().startsWith("heart-zk")) {
                names.add(thread.getName());
            }
        }
        return names;
    }

    @Test
    void threeThreadsForTwoHundredRegistrantsNamedHeartZkAndNoneAfterClose() throws Exception {
        try (ZkServer server = ZkServer.standalone()) {
            RequestProtocol zk = ZooKeeperTransport.create();
            try {
                List<CompletableFuture<?>> answers = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    answers.add(zk.send(
                            new OutgoingRequest(Request.beat(RegistrantInfo.of("t" + i, "threads")), server.target()),
                            Duration.ofSeconds(10)));
                }
                for (CompletableFuture<?> answer : answers) {
                    answer.get(20, TimeUnit.SECONDS);
                }
                assertEquals(
                        Set.of("heart-zk", "heart-zk-EventThread", "heart-zk-SendThread(" + server.hostPort() + ")"),
                        zkThreads());
            } finally {
                zk.close();
            }
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!zkThreads().isEmpty() && System.nanoTime() - end < 0) {
                Thread.sleep(50);
            }
            assertEquals(Set.of(), zkThreads(), "threads left after close");
            assertFalse(
                    Thread.getAllStackTraces().keySet().stream()
                            .anyMatch(t -> t.getName().contains("SendThread(" + server.hostPort())),
                    "no ZooKeeper thread of ours under another name");
        }
    }
}
