package dev.heart.cli;

import dev.heart.api.HeartException;
import dev.heart.api.spi.RequestProtocol;
import java.net.URI;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The transport of {@code beat} and {@code load}, from the options given: the {@code --tls-*}
 * options make the TCP transport over TLS, the {@code --etcd-*} options an etcd transport, the
 * {@code --zk-*} options a ZooKeeper transport; without any, every transport on the path serves its
 * scheme. Options of two registries at once, a setting that is wrong, or a target the transport
 * refuses are usage errors naming the option or the target.
 */
final class RegistryProtocol {
    private RegistryProtocol() {}

    /**
     * The protocol for {@code registry}; the caller closes it.
     *
     * @throws ParameterException naming the option at fault
     */
    static RequestProtocol of(
            CommandSpec spec, URI registry, TlsOptions tls, EtcdOptions etcd, ZooKeeperOptions zooKeeper) {
        if (zooKeeper.any() && (etcd.any() || tls.given())) {
            throw new ParameterException(
                    spec.commandLine(),
                    "give the options of one registry: --zk-* options do not go with "
                            + (etcd.any() ? "--etcd-*" : "--tls-*") + " options");
        }
        RequestProtocol protocol = tls.clientProtocol(spec); // --tls-* options: the TCP transport over TLS
        try {
            if (protocol == null) {
                protocol = zooKeeper.any()
                        ? zooKeeper.protocol(registry)
                        : etcd.protocol(); // the etcd options when given, else every transport on the path
            }
            protocol.check(registry); // a target its transport refuses: refused now, before any heart starts
            return protocol;
        } catch (HeartException | IllegalArgumentException e) {
            if (protocol != null) {
                protocol.close();
            }
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
