package dev.heart.transport.eureka;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real Eureka server of the tests (Spring Cloud Netflix), run in a child JVM on the test class
 * path by {@link EurekaServer}; never loaded by the tests' own JVM. Prints one line with its port
 * when it runs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableEurekaServer
public class EurekaServerMain {

    /** For Spring. */
    public EurekaServerMain() {}

    /** Runs the server with Spring's command-line properties in {@code args}. */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(EurekaServerMain.class, args);
        System.out.println("heart-eureka-test-server started on port "
                + context.getEnvironment().getProperty("local.server.port"));
    }
}
