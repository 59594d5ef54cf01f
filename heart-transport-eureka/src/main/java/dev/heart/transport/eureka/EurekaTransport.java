package dev.heart.transport.eureka;

import dev.heart.api.internal.Checks;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.eureka.internal.EurekaClient;
import dev.heart.transport.eureka.internal.EurekaSettings;
import dev.heart.transport.eureka.internal.Names;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@code eureka} transports: {@link RequestProtocol}s that keep instances registered in a
 * Netflix Eureka server reached at {@code eureka://host:port/path} (HTTP) or
 * {@code eurekas://host:port/path} (HTTPS); {@code path} is the server's REST root, for instance
 * {@code /eureka} on a Spring Cloud Eureka server.
 *
 * <p>The mapping of one beat onto Eureka's REST API (a registrant is one instance: its
 * {@code serviceType}, upper-cased, is the Eureka application; its {@code id} the instance id):
 * <ul>
 *   <li>first beat of a registrant to a target, and the first after a rejection: register,
 *       {@code POST {path}/apps/{APP}} with the instance document built from the registrant's
 *       attributes (see the {@code *_ATTRIBUTE} constants; every other attribute goes into the
 *       instance's metadata), status {@code UP} unless the attribute {@value #STATUS_ATTRIBUTE} says
 *       otherwise;</li>
 *   <li>later beats: renew, {@code PUT {path}/apps/{APP}/{ID}?status=UP&lastDirtyTimestamp=...},
 *       unless the registrant's attributes changed since it registered: then it registers again,
 *       with the new document and a newer {@code lastDirtyTimestamp}, which Eureka's server
 *       takes in place of the old one.
 *       A {@code 404} (the lease expired, the server restarted, the instance was removed) answers
 *       {@link dev.heart.api.Response#reject(dev.heart.api.RegistryInfo, dev.heart.api.RejectReason)
 *       a rejection} with {@link dev.heart.api.RejectReason#NOT_REGISTERED}, and the next beat
 *       registers again;</li>
 *   <li>{@code disconnect = true}: cancel, {@code DELETE {path}/apps/{APP}/{ID}}; the answer is
 *       a rejection ({@link dev.heart.api.RejectReason#DISCONNECTED}).</li>
 * </ul>
 * Status overrides set on the server (for instance {@code OUT_OF_SERVICE} by an operator) are
 * left alone: the transport never sends or deletes one. Every accepted beat answers the lease
 * duration ({@value #LEASE_DURATION_ATTRIBUTE}, default 90 s) as {@code Response.timeout}, so a
 * lease-following beater renews at a third of it (Eureka's own 30 s of 90 s). {@code 400},
 * {@code 401} and {@code 403} answer a rejection with {@link dev.heart.api.RejectReason#FORBIDDEN};
 * other statuses and connection failures complete the future with a
 * {@link dev.heart.api.TransportException} naming the status (never the credentials).
 *
 * <p>Each response's {@link dev.heart.api.RegistryInfo} names the target's {@code host:port} as
 * id and offers, as candidates, the server's peers: those given to
 * {@link Builder#peers(List)} and the replicas the server itself reports
 * ({@code GET {path}/status}, refreshed at most every {@link Builder#peersRefresh(Duration)}),
 * without the target itself, as URIs of the target's scheme.
 *
 * <p>HTTP/1.1 connections are pooled by the JDK client and bounded: at most
 * {@link Builder#maxConnections(int)} exchanges per server at a time, the rest queued without
 * blocking. {@code send} never blocks; it throws {@link IllegalArgumentException} for a target
 * that is not {@code eureka[s]://host:port[/path]} (or carries credentials) and for a bad
 * attribute. Futures complete on the transport's threads ({@code heart-eureka-http-N}), which
 * stop on {@link RequestProtocol#close()}; the JDK client adds one selector thread of its own per
 * transport, named by the JDK.
 */
public final class EurekaTransport {
    /** The URI scheme for Eureka over HTTP. */
    public static final String SCHEME = Names.SCHEME;
    /** The URI scheme for Eureka over HTTPS. */
    public static final String TLS_SCHEME = Names.TLS_SCHEME;
    /** Registrant attribute: Eureka's {@code leaseInfo.renewalIntervalInSecs}, whole seconds, at least 1. */
    public static final String RENEWAL_INTERVAL_ATTRIBUTE = Names.RENEWAL_INTERVAL_ATTRIBUTE;
    /** Registrant attribute: Eureka's {@code leaseInfo.durationInSecs}, whole seconds, at least 1. */
    public static final String LEASE_DURATION_ATTRIBUTE = Names.LEASE_DURATION_ATTRIBUTE;
    /**
     * Registrant attribute: {@code host:port} of the instance; the default of its host name, IP
     * address and port. The same key the other transports' examples use.
     */
    public static final String ADDRESS_ATTRIBUTE = Names.ADDRESS_ATTRIBUTE;
    /** Registrant attribute: the instance's {@code hostName}; default the host of {@value #ADDRESS_ATTRIBUTE}, else {@code localhost}. */
    public static final String HOST_NAME_ATTRIBUTE = Names.HOST_NAME_ATTRIBUTE;
    /** Registrant attribute: the instance's {@code ipAddr}; default the host of {@value #ADDRESS_ATTRIBUTE}, else {@code 127.0.0.1}. */
    public static final String IP_ADDRESS_ATTRIBUTE = Names.IP_ADDRESS_ATTRIBUTE;
    /** Registrant attribute: the instance's (non-secure) port, 1 to 65535; default the port of {@value #ADDRESS_ATTRIBUTE}, else disabled. */
    public static final String PORT_ATTRIBUTE = Names.PORT_ATTRIBUTE;
    /** Registrant attribute: the instance's secure port, 1 to 65535; default disabled. */
    public static final String SECURE_PORT_ATTRIBUTE = Names.SECURE_PORT_ATTRIBUTE;
    /** Registrant attribute: the instance's {@code vipAddress}; default the service type, lower-cased. */
    public static final String VIP_ADDRESS_ATTRIBUTE = Names.VIP_ADDRESS_ATTRIBUTE;
    /** Registrant attribute: the instance's {@code secureVipAddress}; default the VIP address. */
    public static final String SECURE_VIP_ADDRESS_ATTRIBUTE = Names.SECURE_VIP_ADDRESS_ATTRIBUTE;
    /** Registrant attribute: the instance's {@code homePageUrl}; default none. */
    public static final String HOME_PAGE_URL_ATTRIBUTE = Names.HOME_PAGE_URL_ATTRIBUTE;
    /** Registrant attribute: the instance's {@code statusPageUrl}; default none. */
    public static final String STATUS_PAGE_URL_ATTRIBUTE = Names.STATUS_PAGE_URL_ATTRIBUTE;
    /**
     * Registrant attribute: the instance's {@code status}, one of {@code UP}, {@code DOWN},
     * {@code STARTING}, {@code OUT_OF_SERVICE}, {@code UNKNOWN}; default {@code UP}. A registrant
     * whose attributes change (this one, or any other) is registered again with its new document
     * on its next beat. Eureka's server has the last word: an instance it holds as {@code UP}
     * stays {@code UP} when it registers again as {@code OUT_OF_SERVICE} (only a status override
     * set on the server takes an {@code UP} instance out of service); {@code DOWN} and back to
     * {@code UP} are taken as sent.
     */
    public static final String STATUS_ATTRIBUTE = Names.STATUS_ATTRIBUTE;
    /** Registrant attribute: the instance's {@code healthCheckUrl}; default none. */
    public static final String HEALTH_CHECK_URL_ATTRIBUTE = Names.HEALTH_CHECK_URL_ATTRIBUTE;

    private EurekaTransport() {}

    /**
     * The Eureka application name of a service type: upper-cased, as Eureka stores it.
     *
     * @param serviceType not null
     * @return never null
     */
    public static String application(String serviceType) {
        return Names.application(serviceType);
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

    /** Settings of a Eureka transport. Not thread-safe; {@link #build()} may be called repeatedly. */
    public static final class Builder {
        private Duration renewalInterval = EurekaSettings.DEFAULTS.renewalInterval();
        private Duration leaseDuration = EurekaSettings.DEFAULTS.leaseDuration();
        private Duration connectTimeout = EurekaSettings.DEFAULTS.connectTimeout();
        private Duration peersRefresh = EurekaSettings.DEFAULTS.peersRefresh();
        private List<URI> peers = EurekaSettings.DEFAULTS.peers();
        private @Nullable Credentials credentials;
        private @Nullable TlsConfig tls;
        private int maxConnections = EurekaSettings.DEFAULTS.maxConnections();
        private int maxRegistrations = EurekaSettings.DEFAULTS.maxRegistrations();
        private int threads = EurekaSettings.DEFAULTS.threads();

        private Builder() {}

        /**
         * The renewal interval written into the instance document of a registrant without the
         * {@value #RENEWAL_INTERVAL_ATTRIBUTE} attribute; whole seconds, at least 1 s; default
         * 30 s. The server uses it for its self-preservation arithmetic only; how often a heart
         * beats is its beater's choice.
         *
         * @param interval not null, whole seconds
         * @return this builder
         */
        public Builder renewalInterval(Duration interval) {
            this.renewalInterval = wholeSeconds(interval, "renewalInterval");
            return this;
        }

        /**
         * The lease duration of a registrant without the {@value #LEASE_DURATION_ATTRIBUTE}
         * attribute: how long the server keeps an instance that stopped renewing; whole seconds,
         * at least 1 s; default 90 s. Answered as {@code Response.timeout}.
         *
         * @param duration not null, whole seconds
         * @return this builder
         */
        public Builder leaseDuration(Duration duration) {
            this.leaseDuration = wholeSeconds(duration, "leaseDuration");
            return this;
        }

        /**
         * HTTP basic authentication for every target, for a secured server; default none. Sent
         * over HTTPS only: an {@code eureka://} (plain HTTP) target is refused when a beating to it
         * starts, before anything is sent, unless the credentials say
         * {@link Credentials#allowPlaintextCredentials()}. The secret is kept only as the encoded
         * header and never appears in a log, message or {@code toString}.
         *
         * @param credentials the user and password; not null
         * @return this builder
         */
        public Builder credentials(Credentials credentials) {
            this.credentials = Checks.notNull(credentials, "credentials");
            return this;
        }

        /**
         * The TLS settings of {@code eurekas://} targets: trust (default the JDK's authorities), a
         * client certificate for a server that asks for one, protocols. The JDK's HTTP client
         * always checks the server's name, so {@link TlsConfig.Builder#verifyServerName(boolean)
         * verifyServerName(false)} is refused.
         *
         * @param config the TLS settings; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code config} turns server name verification off
         */
        public Builder tls(TlsConfig config) {
            Checks.notNull(config, "tls");
            if (!config.verifyServerName()) {
                throw new IllegalArgumentException("tls: the Eureka transport always verifies the server's name "
                        + "(the JDK's HTTP client); verifyServerName(false) is not supported");
            }
            this.tls = config;
            return this;
        }

        /**
         * Bound of one TCP connection attempt; positive; default 5 s.
         *
         * @param timeout not null, positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Peers offered as candidates in every response besides those the server reports, in
         * order: {@code eureka://} or {@code eurekas://} URIs; not null, copied.
         *
         * @param uris not null, no null element
         * @return this builder
         */
        public Builder peers(List<URI> uris) {
            Checks.notNull(uris, "peers");
            List<URI> copy = new ArrayList<>();
            for (URI uri : uris) {
                Checks.notNull(uri, "peer");
                copy.add(EurekaClient.checkTarget(uri));
            }
            this.peers = List.copyOf(copy);
            return this;
        }

        /**
         * How long the replicas a server reports are reused before it is asked again; zero never
         * asks (only {@link #peers(List)} are offered); default 30 s.
         *
         * @param refresh not null, not negative
         * @return this builder
         */
        public Builder peersRefresh(Duration refresh) {
            this.peersRefresh = Checks.notNegative(refresh, "peersRefresh");
            return this;
        }

        /**
         * Exchanges in flight per server at most, so at most this many connections; at least 1;
         * default 50, as Eureka's own client per server ({@code eurekaServerTotalConnectionsPerHost}).
         * The renewals a transport gets through each second are at most this many over the server's
         * answer time: 16 connections to a server answering in 75 ms carry about 210 a second, fewer
         * than the 333 a second that 10,000 instances renewing every 30 s need.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxConnections(int count) {
            this.maxConnections = atLeastOne(count, "maxConnections");
            return this;
        }

        /**
         * How many (target, registrant) registrations are remembered; beyond it the least
         * recently used is forgotten, and its next beat registers again. At least 1; default
         * 100,000.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxRegistrations(int count) {
            this.maxRegistrations = atLeastOne(count, "maxRegistrations");
            return this;
        }

        /**
         * Threads ({@code heart-eureka-http-N}) that run the HTTP client's work; at least 1; default 2.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder threads(int count) {
            this.threads = atLeastOne(count, "threads");
            return this;
        }

        /**
         * Starts a new transport with these settings; the caller closes it.
         *
         * @return a new transport; never null
         */
        public RequestProtocol build() {
            return new EurekaClient(new EurekaSettings(
                    renewalInterval,
                    leaseDuration,
                    connectTimeout,
                    peersRefresh,
                    peers,
                    credentials,
                    tls,
                    maxConnections,
                    maxRegistrations,
                    threads));
        }

        private static Duration wholeSeconds(Duration value, String name) {
            Checks.positive(value, name);
            if (value.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException(name + " must be whole seconds, was " + value);
            }
            return value;
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }
    }
}
