package dev.heart.spring.boot;

import dev.heart.api.RegistrantInfo;
import java.net.URI;
import java.util.Map;

/**
 * Spring Cloud's view of heart's registrant ({@code org.springframework.cloud.client.serviceregistry.Registration},
 * not heart's own {@link Registration}): service, instance id, host, port and attributes as
 * registered, read from the registration at each call. Thread-safe.
 */
final class CloudRegistration implements org.springframework.cloud.client.serviceregistry.Registration {
    private final HeartRegistration registration;
    private final boolean secure;

    CloudRegistration(HeartRegistration registration, boolean secure) {
        this.registration = registration;
        this.secure = secure;
    }

    HeartRegistration heart() {
        return registration;
    }

    @Override
    public String getInstanceId() {
        return registration.registrant().id();
    }

    @Override
    public String getServiceId() {
        return registration.registrant().serviceType();
    }

    @Override
    public String getHost() {
        return registration.host();
    }

    @Override
    public int getPort() {
        String port = registration.registrant().attributes().get("port");
        return port == null ? 0 : Integer.parseInt(port);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public URI getUri() {
        return org.springframework.cloud.client.ServiceInstance.createUri(this);
    }

    @Override
    public Map<String, String> getMetadata() {
        RegistrantInfo registrant = registration.registrant();
        return registrant.attributes();
    }

    @Override
    public String toString() {
        return "CloudRegistration[" + getServiceId() + "/" + getInstanceId() + "]";
    }
}
