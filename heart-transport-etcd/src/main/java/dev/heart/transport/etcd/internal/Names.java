package dev.heart.transport.etcd.internal;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.internal.Checks;

/** The names {@code EtcdTransport} publishes (schemes, attributes, keys), kept here so that this package never imports the facade. */
public final class Names {
    /** See {@code Names.SCHEME}. */
    public static final String SCHEME = "etcd";
    /** See {@code Names.TLS_SCHEME}. */
    public static final String TLS_SCHEME = "etcds";
    /** See {@code Names.TTL_ATTRIBUTE}. */
    public static final String TTL_ATTRIBUTE = "etcd.ttl";
    /** See {@code Names.KEY_PREFIX}. */
    public static final String KEY_PREFIX = "/heart/";

    private Names() {}

    /** The key of {@code registrant}: {@code /heart/<serviceType>/<id>}. */
    public static String key(RegistrantInfo registrant) {
        Checks.notNull(registrant, "registrant");
        return KEY_PREFIX + registrant.serviceType() + "/" + registrant.id();
    }
}
