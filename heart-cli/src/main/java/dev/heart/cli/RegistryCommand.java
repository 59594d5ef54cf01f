package dev.heart.cli;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.security.TlsConfig;
import dev.heart.cli.registry.TcpLeaseRegistry;
import dev.heart.registry.LeaseRegistry;
import dev.heart.registry.RegistryEvents;
import dev.heart.transport.tcp.CertificatePolicy;
import dev.heart.transport.tcp.ServerBindException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code heart registry}: a standalone TCP registry serving the registry model, printing
 * registrations, expiries and disconnects as they happen, until Ctrl-C.
 */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description =
                "Runs a standalone TCP registry: one service type (or any), a capacity (count and bytes), a lease per "
                        + "registrant answered as the response's timeout, expiry of registrants whose lease passed, "
                        + "disconnects. Each registration belongs to its owner: it gets a secret lease token that later "
                        + "beats and the disconnect must carry (the heart engine does), else they are rejected FORBIDDEN. "
                        + "TLS with --tls-cert/--tls-key or --tls-p12 (tcps://; the certificate files are read again when "
                        + "they change). Prints 'listening on tcp://host:port' (the bound port with --port 0), then "
                        + "registrations, expiries and disconnects as they happen. Ctrl-C closes it gracefully.")
final class RegistryCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "P",
            defaultValue = "7070",
            description = "The port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    String host;

    @Option(
            names = "--capacity",
            paramLabel = "N",
            defaultValue = "10000",
            description = "The most registrants alive at once; more are rejected (default: ${DEFAULT-VALUE}).")
    int capacity;

    @Option(
            names = "--max-bytes",
            paramLabel = "BYTES",
            defaultValue = "64MiB",
            converter = ByteSizeConverter.class,
            description =
                    "The most bytes all live registrants may hold together, counted as 160 B plus 2 B a character "
                            + "of id and service type, plus 96 B and 2 B a character per attribute (about 190 B for a short "
                            + "id); more are rejected CAPACITY, like past --capacity (default: ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(
            names = "--timeout",
            paramLabel = "D",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "The lease: each registrant's deadline for its next beat (default: ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(
            names = "--service",
            paramLabel = "S",
            defaultValue = LeaseRegistry.ANY_SERVICE,
            description = "The service type served; others are rejected; '*' accepts any (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(
            names = "--id",
            paramLabel = "ID",
            defaultValue = "registry",
            description = "The registry's id, sent in every response (default: ${DEFAULT-VALUE}).")
    String id;

    @Mixin
    TlsOptions tls;

    @Option(
            names = "--tls-allow",
            paramLabel = "NAME=SERVICE[/ID]",
            description = "With --tls-client-auth: a client certificate whose CN or subject alternative name is NAME"
                    + " may register SERVICE ('*' any), ids ID (exact, prefix*, or '*'; default any); repeatable;"
                    + " any other request is refused FORBIDDEN. Without it any trusted client may register anything.")
    List<String> allow = new ArrayList<>();

    @Option(
            names = "--candidate",
            paramLabel = "URI",
            converter = RegistryUriConverter.class,
            description = "Another registry to offer registrants in every response; repeatable.")
    List<URI> candidates = new ArrayList<>();

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        RegistryEvents events = new RegistryEvents() {
            @Override
            public void registered(RegistrantInfo registrant, int count) {
                out.printf("registered %s (%d alive)%n", name(registrant), count);
            }

            @Override
            public void expired(RegistrantInfo registrant, long lastBeatNanos, long deadlineNanos, int count) {
                out.printf(
                        "expired %s: no beat within %s (%d alive)%n",
                        name(registrant), DurationConverter.format(lease), count);
            }

            @Override
            public void disconnected(RegistrantInfo registrant, int count) {
                out.printf("disconnected %s (%d alive)%n", name(registrant), count);
            }
        };
        try (ShutdownSignal signal = ShutdownSignal.install()) {
            try (TcpLeaseRegistry registry = bind(events)) {
                out.printf(
                        "listening on %s (id %s, service %s, capacity %d, max bytes %s, lease %s); Ctrl-C to stop%n",
                        registry.uri(),
                        id,
                        service,
                        capacity,
                        ByteSizeConverter.format(maxBytes),
                        DurationConverter.format(lease));
                try {
                    CertificateFiles certificates = new CertificateFiles(tls);
                    while (!signal.awaitStop(POLL)) {
                        if (tlsConfig != null && certificates.changed()) {
                            reload(registry, out);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.printf(
                        "closing %s: %d registrants alive, %d requests accepted, %d rejected%n",
                        registry.uri(),
                        registry.registry().size(),
                        registry.registry().acceptedCount(),
                        registry.registry().rejectedCount());
            }
            out.println("closed");
        }
        return 0;
    }

    /** Reads the changed certificate files again; a bad file keeps the old certificate. */
    private static void reload(TcpLeaseRegistry registry, PrintWriter out) {
        try {
            registry.reloadTls();
            out.println("reloaded the TLS certificate; new connections use it");
        } catch (RuntimeException e) {
            out.println("kept the old TLS certificate: " + e.getMessage());
        }
    }

    /** The TLS settings when the registry serves tcps://, else null; checked by {@link #validate()}. */
    private @Nullable TlsConfig tlsConfig;
    /** The policy of --tls-allow, else null; checked by {@link #validate()}. */
    private @Nullable CertificatePolicy policy;

    private TcpLeaseRegistry bind(RegistryEvents events) {
        try {
            return TcpLeaseRegistry.start(
                    new InetSocketAddress(host, port),
                    uri -> LeaseRegistry.builder(new RegistryInfo(id, service, uri, candidates, Map.of()))
                            .capacity(capacity)
                            .maxBytes(maxBytes)
                            .lease(lease)
                            .ownership(true)
                            .events(events)
                            .build(),
                    tlsConfig,
                    policy);
        } catch (ServerBindException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "cannot listen on " + host + ":" + port + ": "
                            + (e.getCause() != null ? e.getCause() : e).getMessage()
                            + (port == 0 ? "" : " (is the port in use?)"));
        }
    }

    private void validate() {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be within 0..65535, was " + port);
        }
        if (capacity < 1) {
            throw new ParameterException(spec.commandLine(), "--capacity must be at least 1, was " + capacity);
        }
        if (service.isBlank() || id.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--service and --id must not be blank");
        }
        if (!allow.isEmpty() && tls.clientAuth == TlsConfig.ClientAuth.NONE) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--tls-allow needs client certificates:"
                            + " --tls-client-auth REQUIRED (or OPTIONAL) with --tls-ca");
        }
        if (tls.given()) {
            if (!tls.hasIdentity()) {
                throw new ParameterException(
                        spec.commandLine(), "a TLS registry needs --tls-cert and --tls-key, or --tls-p12");
            }
            tlsConfig = tls.config(spec);
        }
        if (!allow.isEmpty()) {
            try {
                policy = CertificatePolicy.of(allow);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--tls-allow: " + e.getMessage());
            }
        }
        if (new InetSocketAddress(host, port).isUnresolved()) {
            throw new ParameterException(spec.commandLine(), "--host '" + host + "' is not a known address");
        }
    }

    /** A registrant's service type and id as they came from the network, control characters shown as '?'. */
    static String name(RegistrantInfo registrant) {
        return printable(registrant.serviceType()) + "/" + printable(registrant.id());
    }

    /** {@code text} without control characters (escape sequences included), each shown as '?'. */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
            if (control && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(control ? '?' : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
