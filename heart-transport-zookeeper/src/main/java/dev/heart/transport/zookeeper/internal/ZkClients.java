package dev.heart.transport.zookeeper.internal;

import dev.heart.api.security.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Opens ZooKeeper's client handles as a transport's settings say: every client setting goes
 * through the handle's own {@link ZKClientConfig} (never a system property): no SASL, a request
 * timeout that bounds a close, and for {@code zks://} the Netty socket with the TLS stores; then
 * the digest credentials, which ZooKeeper's client keeps and sends again on every reconnection.
 */
final class ZkClients {
    private ZkClients() {}

    /**
     * A new handle to {@code target}'s ensemble for {@code session}, connecting in the background.
     *
     * @throws IOException when ZooKeeper's client cannot be started
     */
    static ZooKeeper open(ZkProtocol owner, Target target, Session session) throws IOException {
        ZooKeeper zk = new ZooKeeper(target.connectString(), session.timeoutMs, session, config(owner, target));
        Credentials credentials = owner.settings.credentials();
        if (credentials != null) {
            char[] password = credentials.secret();
            byte[] secret = (credentials.user() + ":" + new String(password)).getBytes(StandardCharsets.UTF_8);
            Arrays.fill(password, '\0');
            zk.addAuthInfo("digest", secret);
        }
        return zk;
    }

    private static ZKClientConfig config(ZkProtocol owner, Target target) {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        // bounds a synchronous close() of a session whose ensemble cannot be reached
        config.setProperty(
                ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT,
                Long.toString(owner.settings.sessionTimeout().toMillis()));
        if (target.secure()) {
            config.setProperty(
                    ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
            config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
            owner.tls.configure(config);
        }
        return config;
    }
}
