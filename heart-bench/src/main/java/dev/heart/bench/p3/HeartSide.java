package dev.heart.bench.p3;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Heart;
import dev.heart.transport.zookeeper.ZooKeeperTransport;
import java.net.URI;
import java.util.Map;

/**
 * P3's heart side, in its own JVM: N registrants of service {@code p3heart}, each kept by
 * {@link Heart#register(RegistrantInfo, URI)} on one heart with its defaults (the ready-made
 * {@code LeaseFollowingBeater}, the default executor), as a user would start it, over one
 * ZooKeeper transport whose only setting is the session timeout both sides ask for.
 */
public final class HeartSide {
    static final String SERVICE = "p3heart";

    private HeartSide() {}

    /** {@code connectString n sessionTimeoutMillis service}, see {@link SideArgs}. */
    public static void main(String[] args) throws Exception {
        SideArgs side = SideArgs.parse(args);
        RequestProtocol transport = ZooKeeperTransport.builder()
                .sessionTimeout(side.sessionTimeout())
                .build();
        Heart heart = Heart.builder().protocol(transport).build();
        URI target = URI.create("zk://" + side.connectString());
        for (int i = 0; i < side.n(); i++) {
            heart.register(
                    new RegistrantInfo(
                            side.id(i),
                            side.service(),
                            Map.of(ZooKeeperTransport.ADDRESS_ATTRIBUTE, "127.0.0.1:" + SideArgs.port(i))),
                    target);
        }
        SideArgs.serve(() -> {
            try {
                heart.close();
            } finally {
                transport.close();
            }
        });
        System.exit(0);
    }
}
