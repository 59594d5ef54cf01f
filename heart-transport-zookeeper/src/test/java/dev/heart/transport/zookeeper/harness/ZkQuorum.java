package dev.heart.transport.zookeeper.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A ZooKeeper ensemble of child JVMs ({@code QuorumPeerMain}) on 127.0.0.1, for tests. */
public final class ZkQuorum implements AutoCloseable {
    private final List<ZkServer> members = new ArrayList<>();

    private ZkQuorum(int size) {
        Path dir = ZkServer.newDir();
        for (int i = 1; i <= size; i++) {
            members.add(new ZkServer("zk" + i, dir, i, Map.of()));
        }
        String lines = members.stream().map(ZkServer::memberLine).collect(Collectors.joining("\n")) + "\n";
        members.forEach(m -> m.members(lines));
    }

    /** Starts {@code size} members and waits until all serve. */
    public static ZkQuorum start(int size) {
        ZkQuorum quorum = new ZkQuorum(size);
        quorum.members.forEach(ZkServer::start);
        for (ZkServer member : quorum.members) {
            member.awaitReady(Duration.ofSeconds(90));
        }
        return quorum;
    }

    /** {@code zk://m1,m2,m3}. */
    public URI target() {
        return URI.create("zk://" + members.stream().map(ZkServer::hostPort).collect(Collectors.joining(",")));
    }

    /** The members. */
    public List<ZkServer> members() {
        return members;
    }

    /** The member that is leader now. */
    public ZkServer leader() {
        for (int i = 0; i < 100; i++) {
            for (ZkServer member : members) {
                if (member.isRunning() && member.mode().equals("leader")) {
                    return member;
                }
            }
            ZkServer.sleep(100);
        }
        return fail("no leader among " + members.size() + " members");
    }

    @Override
    public void close() {
        members.forEach(ZkServer::kill);
    }
}
