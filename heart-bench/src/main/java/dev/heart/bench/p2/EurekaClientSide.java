package dev.heart.bench.p2;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo;
import com.netflix.discovery.DiscoveryClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.cloud.netflix.eureka.EurekaClientConfigBean;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.cloud.netflix.eureka.InstanceInfoFactory;
import org.springframework.cloud.netflix.eureka.TimeoutProperties;
import org.springframework.cloud.netflix.eureka.http.DefaultEurekaClientHttpRequestFactorySupplier;
import org.springframework.cloud.netflix.eureka.http.RestClientDiscoveryClientOptionalArgs;
import org.springframework.cloud.netflix.eureka.http.RestClientTransportClientFactories;
import org.springframework.web.client.RestClient;

/**
 * P2's Eureka-client side, in its own JVM: N instances of application {@code P2-EUREKA}, each
 * kept by its own {@code com.netflix.discovery.DiscoveryClient}, with the transport and settings
 * Spring Cloud Netflix gives it ({@code RestClient} over Apache HttpClient 5, Spring Cloud's
 * default; Netflix's Jersey 3 transport answers 400 to every renewal against this server), in its
 * lightest supported form: registering, not fetching the registry, registered at construction.
 */
public final class EurekaClientSide {
    static final String APP = "P2-EUREKA";

    private EurekaClientSide() {}

    /** {@code port n renewalSeconds leaseSeconds windowSeconds}. */
    public static void main(String[] args) throws Exception {
        Side side = Side.parse(args);
        InetUtils inet = new InetUtils(new InetUtilsProperties());
        Threads machine = Threads.ofMachine();
        List<DiscoveryClient> clients = new ArrayList<>(side.n());
        String stopped = null;
        for (int i = 0; i < side.n(); i++) {
            stopped = machine.refusal(i);
            if (stopped != null) {
                break;
            }
            try {
                clients.add(client(side, inet, i));
            } catch (OutOfMemoryError | RuntimeException e) {
                stopped = "DiscoveryClient " + (i + 1) + " failed: " + e;
                break;
            }
            if ((i + 1) % 500 == 0) {
                System.out.println("  " + (i + 1) + " DiscoveryClients started; " + machine.describe());
            }
        }
        if (stopped != null) {
            System.out.println(
                    "STOPPED started " + clients.size() + " of " + side.n() + " DiscoveryClients: " + stopped);
        }
        side.awaitHeld(APP, clients.size(), side.settle());
        side.measure(APP, clients.size());
        System.exit(0);
    }

    private static DiscoveryClient client(Side side, InetUtils inet, int i) {
        EurekaClientConfigBean client = new EurekaClientConfigBean();
        client.setServiceUrl(
                Map.of(EurekaClientConfigBean.DEFAULT_ZONE, "http://127.0.0.1:" + side.port() + "/eureka/"));
        client.setRegisterWithEureka(true);
        client.setFetchRegistry(false);
        client.setShouldEnforceRegistrationAtInit(true);
        EurekaInstanceConfigBean instance = new EurekaInstanceConfigBean(inet);
        instance.setAppname(APP);
        instance.setVirtualHostName(APP.toLowerCase(Locale.ROOT));
        instance.setInstanceId("eureka-" + i);
        instance.setHostname("127.0.0.1");
        instance.setIpAddress("127.0.0.1");
        instance.setNonSecurePort(10_000 + i % 50_000);
        instance.setLeaseRenewalIntervalInSeconds((int) side.renewal().toSeconds());
        instance.setLeaseExpirationDurationInSeconds((int) side.lease().toSeconds());
        InstanceInfo info = new InstanceInfoFactory().create(instance);
        ApplicationInfoManager manager = new ApplicationInfoManager(instance, info);
        manager.setInstanceStatus(InstanceInfo.InstanceStatus.UP);
        RestClientDiscoveryClientOptionalArgs optional = new RestClientDiscoveryClientOptionalArgs(
                new DefaultEurekaClientHttpRequestFactorySupplier(new TimeoutProperties(), Set.of()),
                RestClient::builder);
        return new DiscoveryClient(manager, client, new RestClientTransportClientFactories(optional), optional);
    }
}
