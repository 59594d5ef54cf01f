package dev.heart.spring.boot;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Hears the application's web server start (not the management server's, when it has its own
 * port) and records its port, before {@link HeartRegistration} starts. Loaded only when
 * spring-boot-web-server is on the class path.
 */
final class WebServerPortListener implements ApplicationListener<WebServerInitializedEvent> {
    private final ServerPort port;

    WebServerPortListener(ServerPort port) {
        this.port = port;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port.set(event.getWebServer().getPort());
        }
    }
}
