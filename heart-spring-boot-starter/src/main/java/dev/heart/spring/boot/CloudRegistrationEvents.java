package dev.heart.spring.boot;

import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Spring Cloud's registration events, as its auto-registration publishes them: an
 * {@link InstancePreRegisteredEvent} before the registration, an {@link InstanceRegisteredEvent}
 * once every registry accepted it (its config is heart's registrant).
 */
final class CloudRegistrationEvents implements RegistrationEvents {
    private final ApplicationEventPublisher publisher;
    private final CloudRegistration registration;

    CloudRegistrationEvents(ApplicationEventPublisher publisher, CloudRegistration registration) {
        this.publisher = publisher;
        this.registration = registration;
    }

    @Override
    public void registering() {
        publisher.publishEvent(new InstancePreRegisteredEvent(this, registration));
    }

    @Override
    public void registered() {
        publisher.publishEvent(
                new InstanceRegisteredEvent<>(this, registration.heart().registrant()));
    }
}
