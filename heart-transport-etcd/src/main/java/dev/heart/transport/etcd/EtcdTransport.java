package dev.heart.transport.etcd;

import dev.heart.api.Checks;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.internal.EtcdClient;
import dev.heart.transport.etcd.internal.EtcdSettings;
import java.time.Duration;

/**
 * Creates {@code etcd} transports: {@link RequestProtocol}s that keep registrations alive in an
 * etcd v3 cluster reached at {@code etcd://host:port} (a member's client URL, plain HTTP).
 *
 * <p>The mapping of one beat onto etcd's JSON gateway:
 * <ul>
 *   <li>first beat of a registrant to a target: grant a lease of the registrant's TTL (attribute
 *       {@value #TTL_ATTRIBUTE}, whole seconds, or the default TTL), then put
 *       {@link #key(RegistrantInfo)} with the registrant's attributes as a JSON object, attached
 *       to that lease. The response's timeout is the TTL etcd granted;</li>
 *   <li>later beats: keep the lease alive; the timeout is the TTL etcd reports. A lease etcd no
 *       longer knows answers {@code reject = true}, and the next beat registers again;</li>
 *   <li>{@code disconnect = true}: revoke the lease; the key goes with it. The answer is a
 *       rejection.</li>
 * </ul>
 * Lease ids are remembered per (target, registrant) by the protocol instance, in a bounded map.
 * Each response's {@link dev.heart.api.RegistryInfo} names the member that answered (its id in
 * hex) and lists, as candidates, the client URLs of the cluster's other members as
 * {@code etcd://} URIs (refreshed from the member list at most every
 * {@linkplain Builder#membersRefresh(Duration) members refresh}).
 *
 * <p>etcd's own errors (no leader, unavailable, bad request) and connection failures complete the
 * future with a {@link dev.heart.api.TransportException} carrying etcd's message or the
 * connection's cause. Cancelling a future aborts its HTTP exchange; a first beat that granted a
 * lease but did not succeed (cancelled, failed) revokes that lease again, so it leaves no key. {@code send} never blocks; it
 * throws {@link IllegalArgumentException} for a target that is not {@code etcd://host:port} or a
 * bad {@value #TTL_ATTRIBUTE}. Futures complete on the transport's threads
 * ({@code heart-etcd-http-N}), which stop on {@link RequestProtocol#close()}.
 */
public final class EtcdTransport {
    /** The URI scheme this transport serves. */
    public static final String SCHEME = "etcd";
    /** The registrant attribute that sets its lease TTL, in whole seconds (at least 1). */
    public static final String TTL_ATTRIBUTE = "etcd.ttl";
    /** The prefix of every key this transport writes. */
    public static final String KEY_PREFIX = "/heart/";

    private EtcdTransport() {
    }

    /**
     * The key that holds {@code registrant} in etcd: {@code /heart/<serviceType>/<id>}.
     *
     * @param registrant not null
     * @return never null
     */
    public static String key(RegistrantInfo registrant) {
        Checks.notNull(registrant, "registrant");
        return KEY_PREFIX + registrant.serviceType() + "/" + registrant.id();
    }

    /** A transport with the default settings (see {@link Builder}); the caller closes it. */
    public static RequestProtocol create() {
        return builder().build();
    }

    /** A builder with the default settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings of an etcd transport. Not thread-safe; {@link #build()} may be called repeatedly. */
    public static final class Builder {
        private Duration defaultTtl = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration membersRefresh = Duration.ofSeconds(5);
        private int maxLeases = 100_000;
        private int threads = 2;

        private Builder() {
        }

        /**
         * The lease TTL of a registrant without the {@value #TTL_ATTRIBUTE} attribute; whole
         * seconds, at least 1 s; default 10 s. etcd may grant more than asked (its minimum TTL).
         */
        public Builder defaultTtl(Duration ttl) {
            Checks.positive(ttl, "defaultTtl");
            if (ttl.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("defaultTtl must be whole seconds, was " + ttl);
            }
            this.defaultTtl = ttl;
            return this;
        }

        /** Bound of one TCP connection attempt to etcd; positive; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long a target's member list (the source of candidates) is reused before it is asked
         * again; zero asks on every beat; default 5 s.
         */
        public Builder membersRefresh(Duration refresh) {
            this.membersRefresh = Checks.notNegative(refresh, "membersRefresh");
            return this;
        }

        /**
         * How many (target, registrant) lease ids are remembered; beyond it the least recently
         * used is forgotten, and its next beat registers again. At least 1; default 100,000.
         */
        public Builder maxLeases(int count) {
            this.maxLeases = atLeastOne(count, "maxLeases");
            return this;
        }

        /** Threads ({@code heart-etcd-http-N}) that run the HTTP client's work; at least 1; default 2. */
        public Builder threads(int count) {
            this.threads = atLeastOne(count, "threads");
            return this;
        }

        /** Starts a new transport with these settings; the caller closes it. */
        public RequestProtocol build() {
            return new EtcdClient(new EtcdSettings(defaultTtl, connectTimeout, membersRefresh, maxLeases, threads));
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }
    }
}
