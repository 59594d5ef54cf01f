package dev.heart.transport.etcd;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.internal.Checks;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.internal.EtcdSettings;
import dev.heart.transport.etcd.internal.GrpcEtcdClient;
import dev.heart.transport.etcd.internal.Names;
import dev.heart.transport.etcd.internal.TlsSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@code etcd} transports: {@link RequestProtocol}s that keep registrations alive in an
 * etcd v3 cluster over etcd's own gRPC API, at {@code etcd://host:port} (plaintext) or
 * {@code etcds://host:port} (TLS).
 *
 * <p>The mapping of one beat onto etcd:
 * <ul>
 *   <li>first beat of a registrant to a target: {@code Lease.LeaseGrant} of the registrant's TTL
 *       (attribute {@value #TTL_ATTRIBUTE}, whole seconds, or the default TTL), then
 *       {@code KV.Put} of {@link #key(RegistrantInfo)} with the registrant's attributes as a JSON
 *       object, attached to that lease. The response's timeout is the TTL etcd granted;</li>
 *   <li>later beats: one message on the endpoint's single {@code Lease.LeaseKeepAlive} stream,
 *       shared by every registrant, answered by lease id; the timeout is the TTL etcd reports. A
 *       lease etcd no longer knows, or a key that someone else deleted or overwrote (seen on the
 *       endpoint's {@code Watch} of {@value #KEY_PREFIX}), answers a rejection with
 *       {@link dev.heart.api.RejectReason#NOT_REGISTERED}, and the next beat registers again;</li>
 *   <li>{@code disconnect = true}: {@code Lease.LeaseRevoke}; the key goes with it. The answer is
 *       a rejection with {@link dev.heart.api.RejectReason#DISCONNECTED}.</li>
 * </ul>
 * One gRPC channel (one HTTP/2 connection) per endpoint; keepalives sent within a short window
 * ({@link Builder#keepAliveBatching(Duration)}, 100 ms) are written together. A broken keepalive stream fails the
 * beats in flight on it (the engine retries them) and is opened again on a later beat, after a
 * backoff that doubles from 100 ms to 1 s. At most {@link Builder#maxInFlight(int) maxInFlight}
 * requests are outstanding; beyond it a beat fails at once ("overloaded").
 *
 * <p>A cluster is one registry: when the member a target names cannot be reached, the beats that
 * follow go to the next member of the cluster's member list with the target's scheme (never from
 * {@code etcds} to {@code etcd}), under the same lease; responses have the cluster as registry id
 * and offer no candidates. {@link Builder#credentials(Credentials) Credentials} go to
 * {@code etcds://} targets only, unless {@link Credentials#allowPlaintextCredentials()}.
 *
 * <p>{@code send} never blocks on etcd; it throws {@link IllegalArgumentException} for a target
 * that is not {@code etcd://host:port} / {@code etcds://host:port} or a bad
 * {@value #TTL_ATTRIBUTE}. Futures complete on the transport's threads
 * ({@code heart-etcd-io-N}, and {@code heart-etcd-grpc-N} when {@link Builder#threads(int)} gives
 * any), which stop on
 * {@link RequestProtocol#close()}.
 */
public final class EtcdTransport {
    /** The URI scheme of plaintext etcd endpoints. */
    public static final String SCHEME = Names.SCHEME;
    /** The URI scheme of TLS etcd endpoints. */
    public static final String TLS_SCHEME = Names.TLS_SCHEME;
    /** The registrant attribute that sets its lease TTL, in whole seconds (at least 1). */
    public static final String TTL_ATTRIBUTE = Names.TTL_ATTRIBUTE;
    /** The prefix of every key this transport writes. */
    public static final String KEY_PREFIX = Names.KEY_PREFIX;

    private EtcdTransport() {}

    /**
     * The key that holds {@code registrant} in etcd: {@code /heart/<serviceType>/<id>}.
     *
     * @param registrant not null
     * @return never null
     */
    public static String key(RegistrantInfo registrant) {
        return Names.key(registrant);
    }

    /**
     * A transport with the default settings (see {@link Builder}); the caller closes it.
     *
     * @return a new, open transport; never null
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
     * Settings of an etcd transport. Not thread-safe; {@link #build()} may be called repeatedly.
     * {@link #toString()} never shows the password.
     */
    public static final class Builder {
        private Duration defaultTtl = EtcdSettings.DEFAULTS.defaultTtl();
        private Duration connectTimeout = EtcdSettings.DEFAULTS.connectTimeout();
        private Duration membersRefresh = EtcdSettings.DEFAULTS.membersRefresh();
        private int maxLeases = EtcdSettings.DEFAULTS.maxLeases();
        private int maxInFlight = EtcdSettings.DEFAULTS.maxInFlight();
        private int maxRegistrationsInFlight = EtcdSettings.DEFAULTS.maxRegistrationsInFlight();
        private int maxQueuedRegistrations = EtcdSettings.DEFAULTS.maxQueuedRegistrations();
        private int threads = EtcdSettings.DEFAULTS.threads();
        private Duration keepAliveWindow = EtcdSettings.DEFAULTS.keepAliveWindow();
        private TlsConfig tls = TlsConfig.defaults();
        private @Nullable Credentials credentials;

        private Builder() {}

        /**
         * The lease TTL of a registrant without the {@value #TTL_ATTRIBUTE} attribute; whole
         * seconds, at least 1 s; default 10 s. etcd may grant more than asked (its minimum TTL).
         *
         * @param ttl the default lease TTL; not null, whole seconds, at least 1 s
         * @return this builder
         * @throws IllegalArgumentException when {@code ttl} is not positive or not whole seconds
         */
        public Builder defaultTtl(Duration ttl) {
            Checks.positive(ttl, "defaultTtl");
            if (ttl.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("defaultTtl must be whole seconds, was " + ttl);
            }
            this.defaultTtl = ttl;
            return this;
        }

        /**
         * Bound of one TCP connection attempt to etcd; positive; default 5 s.
         *
         * @param timeout the bound of one connection attempt; not null, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long an endpoint's member list (the members the transport moves to when the one in
         * use cannot be reached) is reused before it is asked again, in the background; default 5 s.
         *
         * @param refresh how long a member list is reused; not null, zero or more
         * @return this builder
         * @throws IllegalArgumentException when {@code refresh} is negative
         */
        public Builder membersRefresh(Duration refresh) {
            this.membersRefresh = Checks.notNegative(refresh, "membersRefresh");
            return this;
        }

        /**
         * How many registrations (target, registrant) are remembered; beyond it a new registration
         * fails ("too many registrations"). At least 1; default 1,000,000.
         *
         * @param count the most registrations remembered, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxLeases(int count) {
            this.maxLeases = atLeastOne(count, "maxLeases");
            return this;
        }

        /**
         * How many requests (keepalives, grants, puts, revokes) may be outstanding at once, over all
         * endpoints; a beat beyond it fails at once with "overloaded". At least 1; default 100,000.
         *
         * @param count the most requests outstanding at once, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxInFlight(int count) {
            this.maxInFlight = atLeastOne(count, "maxInFlight");
            return this;
        }

        /**
         * How many registrations (lease grant + put) run at once; more wait in a queue, and a
         * timed-out attempt's retry joins its registration instead of starting another. At least 1;
         * default 256 (a storm of first beats would otherwise time out in etcd's raft queue).
         *
         * @param count the most registrations running at once, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxRegistrationsInFlight(int count) {
            this.maxRegistrationsInFlight = atLeastOne(count, "maxRegistrationsInFlight");
            return this;
        }

        /**
         * How many registrations may wait for a slot; beyond it a first beat fails at once with
         * "overloaded". At least 1; default 1,000,000.
         *
         * @param count the most registrations waiting for a slot, 1 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is below 1
         */
        public Builder maxQueuedRegistrations(int count) {
            this.maxQueuedRegistrations = atLeastOne(count, "maxQueuedRegistrations");
            return this;
        }

        /**
         * Threads that run gRPC's callbacks ({@code heart-etcd-grpc-N}). 0 (the default) runs them
         * on the I/O thread ({@code heart-etcd-io-1}) that read the answer, saving a thread handoff
         * per answer: every callback of the transport and of the engine is short and never blocks
         * (the engine hands beater calls to the heart's executor). Give threads when a listener
         * or a dependent stage of {@code send}'s futures may take long.
         *
         * @param count the number of gRPC callback threads, 0 or more
         * @return this builder
         * @throws IllegalArgumentException when {@code count} is negative
         */
        public Builder threads(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("threads must be 0 or more, was " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * How long a keepalive may wait for others to be written with it: keepalives of all
         * registrants of an endpoint sent within this window go out in one write on the shared
         * stream, and etcd reads and answers them together, which saves CPU on both ends (jetcd
         * batches its keepalives every 500 ms). A keepalive never waits more than a tenth of its
         * attempt's deadline. Zero writes each keepalive at once. Default 100 ms; at most 1 s.
         *
         * @param window the most a keepalive waits before it is written; not null, 0 to 1 s
         * @return this builder
         * @throws IllegalArgumentException when {@code window} is negative or over 1 s
         */
        public Builder keepAliveBatching(Duration window) {
            Checks.notNegative(window, "keepAliveBatching");
            if (window.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("keepAliveBatching must be at most 1 s, was " + window);
            }
            this.keepAliveWindow = window;
            return this;
        }

        /**
         * The TLS settings of {@code etcds://} endpoints: the trusted authorities (etcd's
         * {@code --trusted-ca-file} side; default the JDK's), and the client certificate and key
         * presented for etcd's {@code --client-cert-auth} (PEM: PKCS#8, PKCS#1 RSA or SEC1 EC,
         * unencrypted; or PKCS#12), or the application's own {@link javax.net.ssl.SSLContext}.
         * Files are read by {@link #build()}. gRPC always checks the server's name, so
         * {@code verifyServerName(false)} is refused.
         *
         * @param config the TLS settings; not null
         * @return this builder
         */
        public Builder tls(TlsConfig config) {
            this.tls = Checks.notNull(config, "tls");
            return this;
        }

        /**
         * User and password for etcd's authentication ({@code Auth.Authenticate}); the token is
         * sent on every call and renewed when etcd says it is invalid or expired. Sent over TLS
         * only: an {@code etcd://} (plaintext) target is refused when a beating to it starts,
         * before anything is sent, unless the credentials say
         * {@link Credentials#allowPlaintextCredentials()}. Never shown.
         *
         * @param credentials the user and password; not null
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Checks.notNull(credentials, "credentials");
            return this;
        }

        /**
         * Starts a new transport with these settings; the caller closes it.
         *
         * @return a new, open transport; never null
         * @throws EtcdConfigException when a setting is wrong (a TLS file that cannot be read, a
         *                             key that does not match its certificate), naming it
         */
        public RequestProtocol build() {
            TlsSettings loaded;
            try {
                loaded = TlsSettings.load(tls);
            } catch (RuntimeException e) {
                String message = e.getMessage(); // a bare exception from the TLS library has none
                throw new EtcdConfigException(
                        message != null
                                ? message
                                : "tls: the settings cannot be used: "
                                        + e.getClass().getName(),
                        e);
            }
            return new GrpcEtcdClient(new EtcdSettings(
                    defaultTtl,
                    connectTimeout,
                    membersRefresh,
                    maxLeases,
                    maxInFlight,
                    maxRegistrationsInFlight,
                    maxQueuedRegistrations,
                    threads,
                    keepAliveWindow,
                    loaded,
                    credentials));
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }

        @Override
        public String toString() {
            return "EtcdTransport.Builder[defaultTtl=" + defaultTtl + ", maxInFlight=" + maxInFlight
                    + ", threads=" + threads + ", keepAliveBatching=" + keepAliveWindow
                    + ", tls=" + tls + ", credentials=" + (credentials == null ? "none" : credentials) + "]";
        }
    }
}
