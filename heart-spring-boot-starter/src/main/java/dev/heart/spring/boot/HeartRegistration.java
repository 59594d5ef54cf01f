package dev.heart.spring.boot;

import dev.heart.api.HeartException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the application registered with every registry of {@code heart.registry} while it runs
 * and accepts traffic: a {@link SmartLifecycle} that starts after Spring Boot's web server
 * lifecycle ({@link #PHASE}) and stops before the web server's graceful shutdown begins, so the
 * registries forget this instance while it still serves the requests in flight. With
 * {@code heart.follow-readiness} (the default) it registers once the application's readiness is
 * ACCEPTING_TRAFFIC and takes the application out of every registry (a disconnect) while it is
 * REFUSING_TRAFFIC ({@link #readiness}); without, it registers from its start to its stop.
 *
 * <p>A registration that fails does not stop the application from starting: its beating keeps
 * trying in the background, unless {@code heart.fail-fast=true}, which makes {@link #start()}
 * wait for every registry to accept and throw a {@link HeartException} otherwise.
 *
 * <p>An operator may {@link #deregister()} (drain a node) and {@link #register()} again while the
 * application runs; the operator's deregistration wins over readiness until the operator registers
 * again. Thread-safe.
 */
public final class HeartRegistration implements SmartLifecycle {
    /**
     * Above the web server's graceful shutdown phase
     * ({@code WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE}, {@code DEFAULT_PHASE - 1024}),
     * which is above its start/stop phase: started after the server, stopped before it.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger LOG = LoggerFactory.getLogger(HeartRegistration.class);

    /** Where the registration is in its life. */
    public enum Status {
        /** Not started, or stopped with the application. */
        STOPPED,
        /** Beating with every registry. */
        REGISTERED,
        /** Stopped by an operator while the application runs; {@link #register()} starts again. */
        DEREGISTERED,
        /** Taken out of the registries while the application refuses traffic (or before it first accepts it). */
        NOT_READY
    }

    private final HeartSettings settings;
    private final @Nullable RequestProtocol userProtocol;
    private final IntSupplier port;
    private final HeartFactory factory;
    private final TransportOverrides overrides;
    /** The transport of the running registrations; null while stopped. */
    private @Nullable RequestProtocol protocol;

    private volatile List<Registration> registrations = List.of();
    private volatile Status status = Status.STOPPED;
    private volatile RegistrationEvents events = RegistrationEvents.NONE;
    /** Run before each registration begins: reads the application's health, with {@code heart.registrant.health-as-status}. */
    private volatile Runnable beforeRegistering = () -> {};
    /** The registrant without the application's status, as of the last start; null before the first. */
    private @Nullable RegistrantInfo base;
    /** The application's health status code, sent with {@code heart.registrant.health-as-status}; null before the first. */
    private @Nullable String applicationStatus;

    private boolean running;
    private boolean ready;
    private boolean operatorOut;
    private boolean beating;
    private boolean everAccepted;
    /** When the application was last taken out of registries that had accepted it (System.nanoTime()); 0: never. */
    private long announcedUntil;

    /**
     * A registration with the given settings.
     *
     * @param settings     the checked properties
     * @param userProtocol the transport to send with, the caller's to close; null to load every
     *                     transport on the class path ({@link Transports#load()})
     * @param port         the web server's port, or a negative number when there is none; asked
     *                     at each start
     * @param factory      builds each registry's heart
     * @param overrides    transports configured from properties, in place of the defaults of
     *                     their schemes
     */
    HeartRegistration(
            HeartSettings settings,
            @Nullable RequestProtocol userProtocol,
            IntSupplier port,
            HeartFactory factory,
            TransportOverrides overrides) {
        this.settings = settings;
        this.userProtocol = userProtocol;
        this.port = port;
        this.factory = factory;
        this.overrides = overrides;
        this.ready = !settings.followReadiness();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        if (userProtocol != null) {
            protocol = userProtocol;
        } else {
            Map<String, dev.heart.api.spi.TransportProvider> providers =
                    new java.util.TreeMap<>(Transports.providers());
            providers.putAll(overrides.providers());
            protocol = Transports.route(providers);
        }
        RegistrantInfo registrant = registrant(port.getAsInt());
        base = registrant;
        List<Registration> created = new ArrayList<>();
        for (URI registry : settings.registries()) {
            created.add(new Registration(
                    new OutgoingRequest(Request.beat(withStatus(registrant, registry)), registry),
                    settings,
                    protocol,
                    factory));
        }
        registrations = List.copyOf(created);
        running = true;
        update();
        if (!ready) {
            LOG.info(
                    "heart: {} of service {} registers with {} once the application accepts traffic",
                    registrant.id(),
                    registrant.serviceType(),
                    settings.registries());
        }
    }

    /**
     * Follows the application's readiness (with {@code heart.follow-readiness}): registers when it
     * accepts traffic, unless an operator deregistered; takes it out of every registry, waiting for
     * the disconnects, when it refuses traffic. With {@code heart.fail-fast}, the first acceptance
     * waits for every registry to accept.
     *
     * @param accepting whether the application accepts traffic
     * @throws HeartException when {@code heart.fail-fast} is on and a registry did not accept in time
     */
    public synchronized void readiness(boolean accepting) {
        if (!settings.followReadiness() || ready == accepting) {
            return;
        }
        ready = accepting;
        if (running) {
            update();
        }
    }

    /** Starts or stops the beatings to match the wanted state. */
    private void update() {
        boolean wanted = running && ready && !operatorOut;
        if (wanted && !beating) {
            beforeRegistering.run();
            beating = true;
            events.registering();
            registrations.forEach(Registration::startBeating);
            RegistrationEvents told = events;
            CompletableFuture.allOf(registrations.stream()
                            .map(Registration::firstAccepted)
                            .toArray(CompletableFuture[]::new))
                    .thenRun(told::registered);
            LOG.info(
                    "heart: registering {} with {}",
                    registrations.get(0).first().request().registrant().id(),
                    settings.registries());
            if (settings.failFast() && !everAccepted) {
                awaitAccepted();
            }
            everAccepted = true;
        } else if (!wanted && beating) {
            deregisterAll(
                    !running
                            ? "the application stops"
                            : operatorOut ? "by an operator" : "the application refuses traffic");
        }
        status = !running
                ? Status.STOPPED
                : operatorOut ? Status.DEREGISTERED : !ready ? Status.NOT_READY : Status.REGISTERED;
    }

    private void deregisterAll(String why) {
        beating = false;
        boolean announced =
                registrations.stream().anyMatch(r -> r.firstAccepted().isDone());
        long started = System.nanoTime();
        await(registrations.stream().map(Registration::stopBeating).toList());
        long now = System.nanoTime();
        if (announced) {
            announcedUntil = now == 0 ? 1 : now;
        }
        LOG.info(
                "heart: deregistered from {} ({}) in {} ms",
                settings.registries(),
                why,
                Duration.ofNanos(now - started).toMillis());
    }

    private void awaitAccepted() {
        long deadline = System.nanoTime() + settings.failFastTimeout().toNanos();
        for (Registration registration : registrations) {
            try {
                registration.firstAccepted().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                OutgoingRequest first = registration.first();
                String last = registration.lastFailure();
                stop();
                throw new HeartException("heart.fail-fast is on and " + first.target() + " did not accept "
                        + first.request().registrant().id() + " within heart.fail-fast-timeout ("
                        + settings.failFastTimeout() + ")" + (last == null ? "" : "; last failure: " + last));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new HeartException("interrupted while waiting for the registration (heart.fail-fast)", e);
            }
        }
    }

    /**
     * The application's health, sent as the registry's status with
     * {@code heart.registrant.health-as-status}: the attribute {@value #STATUS_ATTRIBUTE} with
     * {@code code}, and on Eureka the instance status ({@value #EUREKA_STATUS_ATTRIBUTE}, see
     * {@link #eurekaStatus}). A change goes with each registration's next beat; an etcd registration
     * registers again at once (its transport writes the data only when it registers). While the
     * application is taken out of its registries nothing is sent; the status goes with the next
     * registration.
     *
     * @param code the status code of the application's health, like UP or DOWN
     */
    synchronized void applicationHealth(String code) {
        if (!settings.healthAsStatus() || code.equals(applicationStatus)) {
            return;
        }
        String before = applicationStatus;
        applicationStatus = code;
        if (before != null) {
            LOG.info(
                    "heart: the application's health is {} (was {}); sent as its status to {}",
                    code,
                    before,
                    settings.registries());
        }
        RegistrantInfo registered = base;
        if (registered == null) {
            return; // never started: the first start sends the status
        }
        for (Registration registration : registrations) {
            URI target = registration.first().target();
            registration.registrant(withStatus(registered, target), reregisters(target));
        }
    }

    /** The registrant attribute that carries the application's health with {@code heart.registrant.health-as-status}. */
    static final String STATUS_ATTRIBUTE = "status";

    /** The Eureka transport's attribute of the instance status ({@code EurekaTransport.STATUS_ATTRIBUTE}). */
    static final String EUREKA_STATUS_ATTRIBUTE = "eureka.status";

    /** {@code registrant} with the application's status for {@code target}, when it is sent. */
    private RegistrantInfo withStatus(RegistrantInfo registrant, URI target) {
        String code = applicationStatus;
        if (!settings.healthAsStatus() || code == null) {
            return registrant;
        }
        Map<String, String> attributes = new LinkedHashMap<>(registrant.attributes());
        attributes.put(STATUS_ATTRIBUTE, code);
        if (target.getScheme().toLowerCase(java.util.Locale.ROOT).startsWith("eureka")) {
            attributes.put(EUREKA_STATUS_ATTRIBUTE, eurekaStatus(code));
        }
        return new RegistrantInfo(registrant.id(), registrant.serviceType(), attributes);
    }

    /** Whether the transport of {@code target} stores a registrant's data only when it registers (etcd). */
    private static boolean reregisters(URI target) {
        String scheme = target.getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("etcd") || scheme.equals("etcds");
    }

    /**
     * The Eureka instance status of a health status code: UP is UP, every other code DOWN. Eureka's
     * server keeps an instance it holds as UP in UP when the instance registers again as
     * OUT_OF_SERVICE (only a status override set on the server takes it out of service), and it
     * stops renewing an instance registered as UNKNOWN (both seen against the real server); its
     * clients list UP instances only, so DOWN takes the instance out of their lists as those would.
     */
    static String eurekaStatus(String code) {
        return switch (code) {
            case "UP" -> "UP";
            default -> "DOWN";
        };
    }

    /** What runs before each registration begins (the health read of {@code heart.registrant.health-as-status}). */
    void beforeRegistering(Runnable task) {
        this.beforeRegistering = task;
    }

    /** Who hears of each (re)registration: Spring Cloud's events, when it is present. */
    void events(RegistrationEvents events) {
        this.events = events;
    }

    /**
     * The registrant as registered (or as it will be, before the start): id, service and
     * attributes, with the web server's port if any.
     *
     * @return the registrant
     */
    public RegistrantInfo registrant() {
        List<Registration> current = registrations;
        return current.isEmpty()
                ? registrant(port.getAsInt())
                : current.get(0).first().request().registrant();
    }

    /** The host announced, from {@code heart.registrant.host} or its default. */
    String host() {
        return settings.host();
    }

    /** The registrant as registered: id, service and attributes, with the web server's port if any. */
    RegistrantInfo registrant(int serverPort) {
        Map<String, String> attributes = new LinkedHashMap<>();
        String id = settings.id();
        if (serverPort >= 0) {
            attributes.put("address", hostPort(settings.host(), serverPort));
            attributes.put("port", Integer.toString(serverPort));
            if (id == null) {
                id = settings.service() + "-" + settings.host() + "-" + serverPort;
            }
        } else if (id == null) {
            id = settings.service() + "-" + settings.host();
        }
        attributes.putAll(settings.attributes());
        return new RegistrantInfo(id, settings.service(), attributes);
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Stops every beating, each sending one disconnect bounded by {@code heart.disconnect-timeout},
     * and waits for them to end. Called by Spring before the web server's graceful shutdown.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        update();
        closeAll();
        drain();
        if (userProtocol == null && protocol != null) {
            protocol.close();
        }
        protocol = null;
    }

    /**
     * Waits out what is left of {@code heart.shutdown.drain-delay} since the application was last
     * taken out of registries that had accepted it, so that clients whose cached copy of the
     * registry still lists it are served until the graceful shutdown begins.
     */
    private void drain() {
        if (announcedUntil == 0) {
            return;
        }
        long left = settings.drainDelay().toNanos() - (System.nanoTime() - announcedUntil);
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.info("heart: the drain was interrupted");
                return;
            }
        }
        LOG.info(
                "heart: drained, {} ms after the deregistration (heart.shutdown.drain-delay={}); the graceful"
                        + " shutdown may begin",
                Duration.ofNanos(System.nanoTime() - announcedUntil).toMillis(),
                settings.drainDelay());
    }

    private void closeAll() {
        await(registrations.stream().map(Registration::close).toList());
        registrations = List.of();
    }

    private void await(List<CompletableFuture<Void>> ends) {
        Duration bound = settings.disconnectTimeout().plusSeconds(5);
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new))
                    .get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("heart: the registrations did not end within {}: {}", bound, e.toString());
        }
    }

    /**
     * Sends the disconnect to every registry and stops beating, while the application runs on (to
     * drain this instance), until {@link #register()}, whatever the application's readiness. Does
     * nothing when stopped or already deregistered.
     *
     * @return true when it deregistered, false when it was stopped or already deregistered
     */
    public synchronized boolean deregister() {
        if (!running || operatorOut) {
            return false;
        }
        operatorOut = true;
        update();
        return true;
    }

    /**
     * Registers again after {@link #deregister()} (once the application accepts traffic, when the
     * registration follows readiness). Does nothing unless deregistered.
     *
     * @return true when it was deregistered, false otherwise
     */
    public synchronized boolean register() {
        if (!running || !operatorOut) {
            return false;
        }
        operatorOut = false;
        update();
        return true;
    }

    /**
     * Where the registration is.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * A snapshot of each registration's latest beating, in the order of {@code heart.registry};
     * empty when stopped. After {@link #deregister()} they show the ended beatings.
     *
     * @return the snapshots, unmodifiable
     */
    public List<RegistrationSnapshot> snapshots() {
        return registrations.stream()
                .map(Registration::snapshot)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /**
     * The status code the health indicator reports for a registration's health
     * ({@code heart.health.*-status}; UP for HEALTHY).
     *
     * @param health the registration's health
     * @return the code, upper case
     */
    public String healthStatus(dev.heart.engine.Health health) {
        return switch (health) {
            case HEALTHY -> "UP";
            case AT_RISK -> settings.atRiskStatus();
            case UNREGISTERED -> settings.unregisteredStatus();
            case LOST -> settings.lostStatus();
        };
    }

    /**
     * Why the application is not registered, in words.
     *
     * @return the reason
     */
    public String reason() {
        return switch (status) {
            case STOPPED -> "not started";
            case REGISTERED -> "registered";
            case DEREGISTERED ->
                "deregistered by an operator (DELETE /actuator/heart); POST /actuator/heart registers again";
            case NOT_READY -> "the application does not accept traffic (readiness); registered once it does";
        };
    }

    /**
     * The status code the health indicator reports while the application is taken out of its
     * registries ({@code heart.health.out-of-service-status}).
     *
     * @return the code, upper case
     */
    public String outOfServiceStatus() {
        return settings.outOfServiceStatus();
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public String toString() {
        return "HeartRegistration[" + status + ", " + settings.registries() + "]";
    }
}
