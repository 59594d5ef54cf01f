package dev.heart.testkit;

import dev.heart.api.RegistryHandler;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.testkit.internal.Checks;
import dev.heart.testkit.mem.MemEndpoints;
import dev.heart.testkit.mem.MemProtocol;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binds registries to names of the in-memory transport, scheme {@code mem}. A heart reaches a
 * name bound here through {@code mem://name}, finding the transport with
 * {@link java.util.ServiceLoader} exactly as it finds TCP; a name not bound fails the request with
 * a {@link dev.heart.api.TransportException} naming it. Names are JVM-wide: use
 * {@link #uniqueName} in tests that may run side by side. Thread-safe.
 */
public final class MemNetwork {
    private static final AtomicLong NAMES = new AtomicLong();

    private MemNetwork() {}

    /**
     * {@code mem://name}.
     *
     * @param name a plain URI authority
     * @return the URI
     */
    public static URI uri(String name) {
        return MemEndpoints.uri(name);
    }

    /**
     * {@code prefix-N}, a name not handed out before in this JVM.
     *
     * @param prefix the start of the name; not blank
     * @return a new name
     */
    public static String uniqueName(String prefix) {
        return Checks.notBlank(prefix, "prefix") + "-" + NAMES.incrementAndGet();
    }

    /**
     * The names bound now, sorted
     *
     * @return a new sorted set, a snapshot
     */
    public static Set<String> names() {
        return MemEndpoints.names();
    }

    /**
     * Binds {@code handler} under {@code name} in real time: each request runs the handler on one
     * of the transport's worker threads, so a handler may block.
     *
     * @param name the name; a plain URI authority
     * @param handler answers every request, concurrently
     * @return the binding; the caller closes it
     * @throws IllegalStateException    when the name is taken
     * @throws IllegalArgumentException when the name is not a plain URI authority
     */
    public static MemBinding bind(String name, RegistryHandler handler) {
        DirectEndpoint endpoint = new DirectEndpoint(name, uri(name), Checks.notNull(handler, "handler"));
        MemEndpoints.bind(name, endpoint);
        return endpoint;
    }

    /**
     * Binds {@code registry} under {@code name} in virtual time, with faults: every answer is
     * delivered by a task on {@code time} (at once, or later as the plan says), so a heart run with
     * {@code .executor(Runnable::run)} on the same time does everything inside
     * {@link VirtualTime#advance}. Each delivery is logged with its fault.
     *
     * @param name     the name; a plain URI authority
     * @param registry the registry; its clock should be {@code time}
     * @param time     where answers are scheduled and pauses jump
     * @param faults   what goes wrong; {@link FaultPlan#none()} for nothing
     * @return the binding; the caller closes it
     * @throws IllegalStateException when the name is taken
     */
    public static MemBinding bind(String name, FakeRegistry registry, VirtualTime time, FaultPlan faults) {
        SimulatedEndpoint endpoint = new SimulatedEndpoint(
                name,
                uri(name),
                Checks.notNull(registry, "registry"),
                Checks.notNull(time, "time"),
                Checks.notNull(faults, "faults"));
        MemEndpoints.bind(name, endpoint);
        return endpoint;
    }

    /**
     * A new {@code mem} protocol, the same as {@code Transports.providers().get("mem").create()}.
     * The caller closes it.
     *
     * @return a new, open protocol
     */
    public static RequestProtocol protocol() {
        return new MemProtocol();
    }
}
