package dev.heart.bench.p2;

import com.netflix.appinfo.InstanceInfo;
import com.netflix.discovery.shared.Application;
import com.netflix.eureka.registry.PeerAwareInstanceRegistry;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Eureka server of P2 (Spring Cloud Netflix), run in a child JVM by {@link EurekaSideBySide},
 * with one endpoint of the bench's own: {@code GET /p2/held/{APP}}, the instances of an
 * application whose lease the registry holds unexpired, read from the registry itself. The
 * REST API's {@code GET /eureka/apps/{APP}} answers from the server's response cache, which can
 * stay stale after a burst of registrations (an entry loaded while a registration invalidated it
 * is kept until it expires, 180 s by default: one run showed 9,948 of 10,000 there while the
 * registry and {@code GET /eureka/apps} held all 10,000).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableEurekaServer
public class P2Server {

    /** For Spring. */
    public P2Server() {}

    /** Runs the server with Spring's command-line properties in {@code args}. */
    public static void main(String[] args) {
        SpringApplication.run(P2Server.class, args);
    }

    /** {@code GET /p2/held/{APP}}: the count, as text; registered by Spring as a member of {@link P2Server}. */
    @RestController
    public static final class Held {
        private final PeerAwareInstanceRegistry registry;

        /**
         * For Spring.
         *
         * @param registry the server's registry
         */
        public Held(PeerAwareInstanceRegistry registry) {
            this.registry = registry;
        }

        /**
         * Instances of {@code app} with an unexpired lease.
         *
         * @param app the application, any case
         * @return the count, as text
         */
        @GetMapping("/p2/held/{app}")
        public String count(@PathVariable("app") String app) {
            String name = app.toUpperCase(Locale.ROOT);
            Application application = registry.getApplication(name, false);
            int held = 0;
            if (application != null) {
                for (InstanceInfo instance : application.getInstances()) {
                    if (registry.getInstanceByAppAndId(name, instance.getId(), false) != null) {
                        held++;
                    }
                }
            }
            return Integer.toString(held);
        }
    }
}
