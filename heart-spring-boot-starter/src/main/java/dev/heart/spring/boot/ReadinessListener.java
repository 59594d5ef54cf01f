package dev.heart.spring.boot;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/** Hands the application's readiness changes to the registration ({@code heart.follow-readiness}). */
final class ReadinessListener implements ApplicationListener<AvailabilityChangeEvent<?>> {
    private final HeartRegistration registration;

    ReadinessListener(HeartRegistration registration) {
        this.registration = registration;
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
        if (event.getState() instanceof ReadinessState state) {
            registration.readiness(state == ReadinessState.ACCEPTING_TRAFFIC);
        }
    }
}
