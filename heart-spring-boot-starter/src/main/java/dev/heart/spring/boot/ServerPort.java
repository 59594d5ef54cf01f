package dev.heart.spring.boot;

import java.util.function.IntSupplier;

/**
 * The port of the application's web server, once it listens; -1 in an application without one.
 * Set from Spring Boot's web server event when spring-boot-web-server is on the class path.
 * Thread-safe.
 */
final class ServerPort implements IntSupplier {
    private volatile int port = -1;

    void set(int port) {
        this.port = port;
    }

    @Override
    public int getAsInt() {
        return port;
    }
}
