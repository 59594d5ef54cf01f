package dev.heart.bench.p2;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/** The Eureka server of P2 (Spring Cloud Netflix), run in a child JVM by {@link EurekaSideBySide}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableEurekaServer
public class P2Server {

    /** For Spring. */
    public P2Server() {
    }

    /** Runs the server with Spring's command-line properties in {@code args}. */
    public static void main(String[] args) {
        SpringApplication.run(P2Server.class, args);
    }
}
