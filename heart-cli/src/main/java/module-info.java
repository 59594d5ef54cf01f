/**
 * The heart command line: {@code demo} (a TCP registry and a thousand hearts riding through its
 * restart), {@code registry} (a standalone TCP registry), {@code beat} (one registrant) and
 * {@code load} (a load generator against any registry: {@code tcp://}, {@code etcd://}, {@code etcds://}).
 *
 * <p>Run it with {@code ./heart} at the repository root, or
 * {@code java --module-path heart-cli/target/heart-cli.jar:heart-cli/target/lib -m dev.heart.cli/dev.heart.cli.Main}.
 * Arguments are parsed by picocli, which reads the command classes reflectively. Exports nothing:
 * it is an application.
 */
module dev.heart.cli {
    requires dev.heart.engine;
    requires dev.heart.registry;
    requires dev.heart.transport.tcp;
    requires dev.heart.transport.etcd;
    requires info.picocli;
    requires org.slf4j;

    opens dev.heart.cli to
            info.picocli;
}
