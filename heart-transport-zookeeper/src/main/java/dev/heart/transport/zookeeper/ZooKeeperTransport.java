package dev.heart.transport.zookeeper;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.zookeeper.internal.Layout;
import dev.heart.transport.zookeeper.internal.ZkProtocol;
import dev.heart.transport.zookeeper.internal.ZkSettings;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@code zk} transports: {@link RequestProtocol}s that keep registrations alive as
 * ephemeral znodes in a ZooKeeper ensemble, at {@code zk://host:port[,host:port...][/chroot]}
 * (plaintext) or {@code zks://...} (TLS, ZooKeeper's Netty client socket).
 *
 * <p>The layout is the one Apache Curator's {@code ServiceDiscovery} and Spring Cloud Zookeeper's
 * discovery read: a registrant is the ephemeral znode {@link #path(RegistrantInfo)},
 * {@code /services/<serviceType>/<id>}, holding Curator's {@code ServiceInstance} JSON (name = the
 * service type, id, address and port from the {@value #ADDRESS_ATTRIBUTE} attribute, registration
 * time, service type {@code DYNAMIC}, Spring Cloud's URI spec) whose payload is Spring Cloud
 * Zookeeper's {@code ZookeeperInstance} ({@code @class}, id, name, and the registrant's other
 * attributes as its metadata).
 *
 * <p>The mapping of one beat onto ZooKeeper:
 * <ul>
 *   <li>all registrants of one protocol share one ZooKeeper session per ensemble (connect string
 *       and chroot): the session is the lease, and every accepted beat's
 *       {@link dev.heart.api.Response#timeout()} is the session timeout the ensemble granted;</li>
 *   <li>the first beat of a registrant creates its znode (and the persistent parents, readable and
 *       writable by everyone without credentials, as Curator creates them); later beats are
 *       answered from the session's state and a persistent recursive watch on the service's path,
 *       without a request of their own: all beats that arrive while one {@code exists} of the base
 *       path is in flight are answered by the next one, so a beat is accepted only after the
 *       ensemble answered a request sent after it arrived. A beat whose registrant's attributes
 *       changed writes its data again;</li>
 *   <li>a znode that is gone (the session expired, someone deleted it, the ensemble came back
 *       without it) answers a rejection with {@link dev.heart.api.RejectReason#NOT_REGISTERED},
 *       and the next beat creates it again with the registrant's current data;</li>
 *   <li>{@code disconnect = true} deletes the znode; the answer is a rejection with
 *       {@link dev.heart.api.RejectReason#DISCONNECTED}.</li>
 * </ul>
 * A beat sent while the session is not connected waits for the connection until its deadline, then
 * fails with a {@link dev.heart.api.TransportException}. A session disconnected for longer than
 * its timeout is given up and a new one started (the ensemble may have expired or forgotten the
 * old one). The ensemble is one registry: ZooKeeper's client moves between the members of the
 * connect string, and responses offer no candidates.
 *
 * <p>{@code send} never blocks; it throws {@link IllegalArgumentException} for a target that is not
 * {@code zk[s]://host:port[,host:port...][/chroot]}, for a bad {@value #ADDRESS_ATTRIBUTE}, and for
 * credentials on a plaintext target unless {@link Credentials#allowPlaintextCredentials()}. Futures
 * complete on ZooKeeper's event thread or the transport's timer. The transport's threads are its
 * timer {@code heart-zk} and, per session, ZooKeeper's {@code heart-zk-SendThread(...)} and
 * {@code heart-zk-EventThread} (plus, over TLS, one Netty event loop thread named by ZooKeeper,
 * {@code zkNetty-...}); all stop on {@link RequestProtocol#close()}, which closes the sessions
 * (ZooKeeper then deletes their znodes at once).
 */
public final class ZooKeeperTransport {
    /** The URI scheme of plaintext ensembles. */
    public static final String SCHEME = Layout.SCHEME;
    /** The URI scheme of TLS ensembles. */
    public static final String TLS_SCHEME = Layout.TLS_SCHEME;
    /**
     * Registrant attribute: {@code host:port} (or {@code host}, or {@code [ipv6]:port}) of the
     * instance, written as the instance's {@code address} and {@code port}. The same key the other
     * transports use; without it the instance has neither.
     */
    public static final String ADDRESS_ATTRIBUTE = Layout.ADDRESS_ATTRIBUTE;
    /** The base path under which services are registered, as Spring Cloud Zookeeper's default. */
    public static final String ROOT = Layout.ROOT;
    /** The {@code @class} of the payload: Spring Cloud Zookeeper's instance payload class. */
    public static final String PAYLOAD_CLASS = Layout.PAYLOAD_CLASS;

    private ZooKeeperTransport() {}

    /**
     * The znode that holds {@code registrant}: {@code /services/<serviceType>/<id>} (under the
     * target's chroot, if any).
     *
     * @param registrant not null
     * @return never null
     * @throws IllegalArgumentException when the service type or id cannot be a znode name
     */
    public static String path(RegistrantInfo registrant) {
        Objects.requireNonNull(registrant, "registrant must not be null");
        return Layout.path(ROOT, registrant);
    }

    /**
     * A transport with the default settings (see {@link Builder}); the caller closes it.
     *
     * @return a new transport; never null
     */
    public static RequestProtocol create() {
        return builder().build();
    }

    /**
     * A builder with the default settings.
     *
     * @return a new builder; never null
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings of a ZooKeeper transport; TLS and credentials take the shared
     * {@link TlsConfig} and {@link Credentials}, as every transport's builder. Not thread-safe;
     * {@link #build()} may be called repeatedly. {@link #toString()} never shows a password.
     */
    public static final class Builder {
        private Duration sessionTimeout = Duration.ofSeconds(15);
        private String root = ROOT;
        private int maxRegistrations = 1_000_000;
        private @Nullable Credentials credentials;
        private TlsConfig tls = TlsConfig.defaults();

        private Builder() {}

        /**
         * The session timeout asked of the ensemble: the lease of every registrant of the session.
         * The server bounds it (by default to 2 to 20 times its tick, 4 s to 40 s) and answers the
         * timeout it granted, which is what beats answer. At least 1 s, at most 10 min; whole
         * milliseconds; default 15 s.
         *
         * @param timeout the session timeout to ask for; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is out of range
         */
        public Builder sessionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "sessionTimeout must not be null");
            if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("sessionTimeout must be 1 s to 10 min, was " + timeout);
            }
            this.sessionTimeout = timeout;
            return this;
        }

        /**
         * The base path of the registrations; default {@value ZooKeeperTransport#ROOT}, Spring
         * Cloud Zookeeper's default ({@code spring.cloud.zookeeper.discovery.root}).
         *
         * @param basePath an absolute znode path, not ending with {@code /}; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code basePath} is not a valid znode path
         */
        public Builder root(String basePath) {
            Objects.requireNonNull(basePath, "root must not be null");
            this.root = Layout.checkRoot(basePath);
            return this;
        }

        /**
         * How many registrations (ensemble, registrant) are remembered; beyond it a new
         * registration fails ("too many registrations"). At least 1; default 1,000,000.
         *
         * @param count the most registrations remembered, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxRegistrations(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxRegistrations must be 1 or more, was " + count);
            }
            this.maxRegistrations = count;
            return this;
        }

        /**
         * Digest credentials, in the shape every transport takes: the session authenticates as
         * {@link Credentials#user()} with ZooKeeper's {@code digest} scheme, and every znode it
         * creates carries the ACL "this identity may do everything, everyone may read" (the
         * service parents stay open to everyone, so other instances can register beside ours).
         * Default none: the znodes are open to everyone ({@code world:anyone}), as Curator's
         * default. Digest credentials travel in clear over {@code zk://}: such a target is refused
         * (at {@code check} and {@code send}, before anything is sent) unless the credentials say
         * {@link Credentials#allowPlaintextCredentials()}. Never shown.
         *
         * @param credentials the user and password; not null
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
            return this;
        }

        /**
         * The TLS settings of {@code zks://} ensembles, in the shape every transport takes: the
         * trusted authorities (default the JDK's), the client certificate and key for an ensemble
         * that requires one ({@code ssl.clientAuth=need}; PEM: PKCS#8, PKCS#1 RSA or SEC1 EC,
         * unencrypted; or PKCS#12), the protocols (default TLS 1.3 and 1.2), and server name
         * verification ({@link TlsConfig.Builder#verifyServerName(boolean)}, on by default; off
         * is for tests only). The files are read by {@link #build()}. ZooKeeper's client reads
         * its material from store files only: when the first {@code zks://} session opens, the
         * material is written to two PKCS#12 files in a new temporary directory readable by the
         * owner only, locked with a random password held in memory, and deleted when the
         * transport closes. A given {@link javax.net.ssl.SSLContext} cannot be used.
         *
         * @param config the TLS settings; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code config} holds a given {@code SSLContext}
         */
        public Builder tls(TlsConfig config) {
            Objects.requireNonNull(config, "tls must not be null");
            if (config.sslContext().isPresent()) {
                throw new IllegalArgumentException("tls: the ZooKeeper transport cannot use a given SSLContext "
                        + "(ZooKeeper's client reads key and trust store files); give identity(...) or "
                        + "identityPkcs12(...) and trust(...) or trustPkcs12(...) instead");
            }
            this.tls = config;
            return this;
        }

        /**
         * A new, open transport with these settings; the caller closes it. Sessions start at the
         * first beat of each ensemble.
         *
         * @return a new transport; never null
         * @throws dev.heart.api.HeartException when the TLS material cannot be read or used, naming it
         */
        public RequestProtocol build() {
            return new ZkProtocol(new ZkSettings(sessionTimeout, root, maxRegistrations, credentials, tls));
        }

        @Override
        public String toString() {
            return "ZooKeeperTransport.Builder[sessionTimeout=" + sessionTimeout + ", root=" + root
                    + ", maxRegistrations=" + maxRegistrations + ", credentials="
                    + (credentials == null ? "none" : credentials) + ", tls=" + tls + "]";
        }
    }
}
