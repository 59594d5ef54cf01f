package dev.heart.spring.boot.example;

// DOCS-SNIPPET-START
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

@Component
public class Maintenance {
    private final ApplicationEventPublisher events;

    public Maintenance(ApplicationEventPublisher events) {
        this.events = events;
    }

    public void begin() { // heart takes this instance out of every registry, and the readiness probe fails
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    }

    public void end() { // heart registers it again
        AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
    }
}
// DOCS-SNIPPET-END
