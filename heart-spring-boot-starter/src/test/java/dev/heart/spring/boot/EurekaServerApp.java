package dev.heart.spring.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/** The real Eureka server (Spring Cloud Netflix) that {@link EurekaTestServer} runs in a child JVM. */
@SpringBootConfiguration
@EnableAutoConfiguration(
        excludeName = {
            "dev.heart.spring.boot.HeartAutoConfiguration",
            "dev.heart.spring.boot.actuate.HeartActuatorAutoConfiguration",
            "dev.heart.spring.boot.HeartCloudAutoConfiguration"
        })
@EnableEurekaServer
public class EurekaServerApp {

    /** For Spring. */
    public EurekaServerApp() {}

    /** Runs the server with Spring's command-line properties. */
    public static void main(String[] args) {
        SpringApplication.run(EurekaServerApp.class, args);
    }
}
