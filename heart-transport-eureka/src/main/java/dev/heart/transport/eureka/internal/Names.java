package dev.heart.transport.eureka.internal;

import dev.heart.api.internal.Checks;
import java.util.Locale;

/** The names {@code EurekaTransport} publishes (schemes, attributes), kept here so that this package never imports the facade. */
public final class Names {
    /** See {@code Names.SCHEME}. */
    public static final String SCHEME = "eureka";
    /** See {@code Names.TLS_SCHEME}. */
    public static final String TLS_SCHEME = "eurekas";
    /** See {@code Names.RENEWAL_INTERVAL_ATTRIBUTE}. */
    public static final String RENEWAL_INTERVAL_ATTRIBUTE = "eureka.leaseRenewalIntervalInSecs";
    /** See {@code Names.LEASE_DURATION_ATTRIBUTE}. */
    public static final String LEASE_DURATION_ATTRIBUTE = "eureka.durationInSecs";
    /** See {@code Names.ADDRESS_ATTRIBUTE}. */
    public static final String ADDRESS_ATTRIBUTE = "address";
    /** See {@code Names.HOST_NAME_ATTRIBUTE}. */
    public static final String HOST_NAME_ATTRIBUTE = "eureka.hostName";
    /** See {@code Names.IP_ADDRESS_ATTRIBUTE}. */
    public static final String IP_ADDRESS_ATTRIBUTE = "eureka.ipAddr";
    /** See {@code Names.PORT_ATTRIBUTE}. */
    public static final String PORT_ATTRIBUTE = "eureka.port";
    /** See {@code Names.SECURE_PORT_ATTRIBUTE}. */
    public static final String SECURE_PORT_ATTRIBUTE = "eureka.securePort";
    /** See {@code Names.VIP_ADDRESS_ATTRIBUTE}. */
    public static final String VIP_ADDRESS_ATTRIBUTE = "eureka.vipAddress";
    /** See {@code Names.SECURE_VIP_ADDRESS_ATTRIBUTE}. */
    public static final String SECURE_VIP_ADDRESS_ATTRIBUTE = "eureka.secureVipAddress";
    /** See {@code Names.HOME_PAGE_URL_ATTRIBUTE}. */
    public static final String HOME_PAGE_URL_ATTRIBUTE = "eureka.homePageUrl";
    /** See {@code Names.STATUS_PAGE_URL_ATTRIBUTE}. */
    public static final String STATUS_PAGE_URL_ATTRIBUTE = "eureka.statusPageUrl";
    /** See {@code Names.HEALTH_CHECK_URL_ATTRIBUTE}. */
    public static final String HEALTH_CHECK_URL_ATTRIBUTE = "eureka.healthCheckUrl";

    /** See {@code Names.STATUS_ATTRIBUTE}. */
    public static final String STATUS_ATTRIBUTE = "eureka.status";

    private Names() {}

    /** The Eureka application of {@code serviceType}: upper-cased. */
    public static String application(String serviceType) {
        return Checks.notBlank(serviceType, "serviceType").toUpperCase(Locale.ROOT);
    }
}
