/**
 * The heart command line: {@code demo} (a TCP registry and a thousand hearts riding through its
 * restart), {@code registry} (a standalone TCP registry), {@code beat} (one registrant) and
 * {@code load} (a load generator against any registry: {@code tcp://}, {@code etcd://}, {@code etcds://},
 * {@code zk://}, {@code zks://}, {@code eureka://}, {@code eurekas://}).
 *
 * <p>Run it with {@code ./heart} at the repository root, or
 * {@code java --module-path heart-cli/target/heart-cli.jar:heart-cli/target/lib --class-path
 * 'heart-cli/target/classpath/*' -m dev.heart.cli/dev.heart.cli.Main} (ZooKeeper's client, whose jars
 * split packages as modules, on the class path, which the automatic module
 * {@code dev.heart.transport.zookeeper} reads).
 * Arguments are parsed by picocli, which reads the command classes reflectively. Exports nothing:
 * it is an application.
 */
@org.jspecify.annotations.NullMarked
module dev.heart.cli {
    requires static org.jspecify;
    requires dev.heart.engine;
    requires dev.heart.registry;
    requires dev.heart.transport.tcp;
    requires dev.heart.transport.etcd;
    // an automatic module (its jar's Automatic-Module-Name); ZooKeeper's jars run on the class path
    requires dev.heart.transport.zookeeper;
    requires info.picocli;
    requires org.slf4j;

    opens dev.heart.cli to
            info.picocli;
}
