package dev.heart.api;

import dev.heart.api.internal.Checks;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The one place that finds transports: loads every {@link TransportProvider} with
 * {@link ServiceLoader} and routes each request by the scheme of its target.
 *
 * <p>A provider serves one or more schemes; the router creates one protocol per provider, on
 * first use, and sends every scheme of that provider to it (so {@code etcd://} and
 * {@code etcds://} targets share one etcd transport).
 *
 * <p>Fails fast: two providers of one scheme, or a provider that fails to load, is a
 * {@link NoTransportException} at load time; a request to a scheme nobody serves fails with a
 * message listing the schemes available and naming the module to add. Never falls back silently.
 */
public final class Transports {

    /** Every scheme a module of heart serves, and that module: the one table of them. */
    private static final Map<String, String> KNOWN = Map.of(
            "tcp", "heart-transport-tcp",
            "tcps", "heart-transport-tcp",
            "etcd", "heart-transport-etcd",
            "etcds", "heart-transport-etcd",
            "eureka", "heart-transport-eureka",
            "eurekas", "heart-transport-eureka",
            "zk", "heart-transport-zookeeper",
            "zks", "heart-transport-zookeeper",
            "mem", "heart-testkit");

    private Transports() {}

    /**
     * The module of heart that serves {@code scheme}, for messages that say what to add; the one
     * place that knows it (every transport of heart, whether on the path or not).
     *
     * @param scheme a URI scheme, any case
     * @return the artifact name, for instance {@code heart-transport-etcd} for {@code etcds}; empty
     *         for a scheme no module of heart serves
     */
    public static Optional<String> moduleServing(String scheme) {
        return Optional.ofNullable(KNOWN.get(Checks.notNull(scheme, "scheme").toLowerCase(Locale.ROOT)));
    }

    /**
     * Loads the providers visible to this module (module path, then the class path's
     * {@code META-INF/services}).
     *
     * @return the providers indexed by scheme; unmodifiable, sorted
     * @throws NoTransportException when two providers claim one scheme or one fails to load
     */
    public static Map<String, TransportProvider> providers() {
        return index(ServiceLoader.load(TransportProvider.class, Transports.class.getClassLoader())
                .iterator());
    }

    /**
     * Loads the providers visible to {@code loader}, for containers and tests.
     *
     * @param loader the class loader to search
     * @return the providers by scheme
     * @see #providers()
     */
    public static Map<String, TransportProvider> providers(ClassLoader loader) {
        return index(ServiceLoader.load(TransportProvider.class, Checks.notNull(loader, "loader"))
                .iterator());
    }

    /**
     * A protocol that routes every request to the transport serving its target's scheme, created
     * on first use and closed with the router.
     *
     * @return a new router over {@link #providers()}
     * @throws NoTransportException when the providers conflict or fail to load
     */
    public static RequestProtocol load() {
        return route(providers());
    }

    /**
     * A router over the given providers.
     *
     * @param providers by scheme
     * @return a new router
     */
    public static RequestProtocol route(Map<String, TransportProvider> providers) {
        return new Router(Map.copyOf(Checks.notNull(providers, "providers")));
    }

    static Map<String, TransportProvider> index(Iterator<TransportProvider> iterator) {
        Map<String, TransportProvider> byScheme = new TreeMap<>();
        while (true) {
            TransportProvider provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError e) {
                throw new NoTransportException("a transport provider failed to load: " + e.getMessage(), e);
            }
            java.util.Set<String> schemes = Checks.notNull(
                    provider.schemes(), "schemes of " + provider.getClass().getName());
            if (schemes.isEmpty()) {
                throw new NoTransportException("transport provider "
                        + provider.getClass().getName() + " (" + provider.artifact() + ") serves no scheme");
            }
            for (String name : schemes) {
                String scheme = Checks.notBlank(
                                name, "scheme of " + provider.getClass().getName())
                        .toLowerCase(Locale.ROOT);
                TransportProvider previous = byScheme.putIfAbsent(scheme, provider);
                if (previous != null && previous.getClass() != provider.getClass()) {
                    throw new NoTransportException("two transports claim scheme '" + scheme + "': "
                            + previous.getClass().getName() + " (" + previous.artifact() + ") and "
                            + provider.getClass().getName() + " (" + provider.artifact() + "); keep one on the path");
                }
            }
        }
        return Collections.unmodifiableMap(byScheme);
    }

    static NoTransportException missing(String scheme, Map<String, TransportProvider> providers) {
        String artifact = KNOWN.get(scheme);
        String hint = artifact == null
                ? "add a module that provides dev.heart.api.spi.TransportProvider for it to the module path"
                : "add " + artifact + " to the module path";
        return new NoTransportException(
                "no transport for scheme '" + scheme + "'; " + hint + "; available: " + providers.keySet());
    }

    /** Routes by scheme; creates each scheme's protocol once, on first use. */
    private static final class Router implements RequestProtocol {
        private final Map<String, TransportProvider> providers;
        /** The protocol of each scheme, looked up on every send. */
        private final ConcurrentMap<String, RequestProtocol> open = new ConcurrentHashMap<>();
        /** The one protocol of each provider (one provider per transport), shared by its schemes. */
        private final ConcurrentMap<TransportProvider, RequestProtocol> byProvider = new ConcurrentHashMap<>();

        private volatile boolean closed;

        Router(Map<String, TransportProvider> providers) {
            this.providers = providers;
        }

        @Override
        public CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
            Checks.notNull(request, "request");
            Checks.positive(deadline, "deadline");
            if (closed) {
                return CompletableFuture.failedFuture(
                        new TransportException(request.target(), "transport router is closed"));
            }
            URI target = request.target();
            String scheme = target.getScheme().toLowerCase(Locale.ROOT);
            RequestProtocol protocol = open.get(scheme);
            if (protocol == null) {
                TransportProvider provider = providers.get(scheme);
                if (provider == null) {
                    return CompletableFuture.failedFuture(missing(scheme, providers));
                }
                protocol = open(scheme, provider);
                if (closed) {
                    close();
                }
            }
            return protocol.send(request, deadline);
        }

        @Override
        public void check(URI target) {
            Checks.notNull(target, "target");
            String scheme = target.getScheme();
            if (scheme == null) {
                throw new NoTransportException("target '" + target + "' has no scheme (like tcp://host:port)");
            }
            TransportProvider provider = providers.get(scheme.toLowerCase(Locale.ROOT));
            if (provider == null) {
                throw missing(scheme.toLowerCase(Locale.ROOT), providers);
            }
            if (!closed) { // created as the first send would, so that its own check runs too
                open(scheme.toLowerCase(Locale.ROOT), provider).check(target);
                if (closed) {
                    close();
                }
            }
        }

        private RequestProtocol open(String scheme, TransportProvider provider) {
            RequestProtocol protocol = byProvider.computeIfAbsent(provider, p -> provider.create());
            open.putIfAbsent(scheme, protocol);
            return protocol;
        }

        @Override
        public void close() {
            closed = true;
            open.clear();
            for (TransportProvider provider : byProvider.keySet()) {
                RequestProtocol protocol = byProvider.remove(provider);
                if (protocol != null) {
                    protocol.close();
                }
            }
        }

        @Override
        public String toString() {
            return "Transports" + providers.keySet();
        }
    }
}
