package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link FakeRegistry} behaves: who it is, how many registrants it takes, and the deadline
 * (the {@code timeout} of its acceptances) it gives: {@code deadline} for a registrant's first
 * accepted beat, then {@code deadlineStep} more for each later one, up to {@code maxDeadline}.
 * A zero step is a fixed deadline.
 *
 * @param id           the registry's id; not blank
 * @param serviceType  the service type it accepts; not blank
 * @param address      its own address, reported in every response
 * @param candidates   other registries it names in every response; copied
 * @param capacity     how many registrants it holds at once; positive
 * @param deadline     the first deadline; positive
 * @param deadlineStep how much the deadline grows per accepted beat; zero or more
 * @param maxDeadline  the largest deadline; not less than {@code deadline}
 */
public record RegistryConfig(
        String id,
        String serviceType,
        URI address,
        List<URI> candidates,
        int capacity,
        Duration deadline,
        Duration deadlineStep,
        Duration maxDeadline) {

    /**
     * Validates and copies the components.
     *
     * @param id the registry's id; not blank
     * @param serviceType the service type it accepts; not blank
     * @param address its own address, reported in every response
     * @param candidates other registries it names in every response; copied
     * @param capacity how many registrants it holds at once; positive
     * @param deadline the first deadline; positive
     * @param deadlineStep how much the deadline grows per accepted beat; zero or more
     * @param maxDeadline the largest deadline; not less than {@code deadline}
     */
    public RegistryConfig {
        Checks.notBlank(id, "id");
        Checks.notBlank(serviceType, "serviceType");
        Checks.notNull(address, "address");
        candidates = List.copyOf(Checks.notNull(candidates, "candidates"));
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        Checks.positive(deadline, "deadline");
        Checks.notNegative(deadlineStep, "deadlineStep");
        Checks.notNull(maxDeadline, "maxDeadline");
        if (maxDeadline.compareTo(deadline) < 0) {
            throw new IllegalArgumentException("maxDeadline must not be less than deadline, was " + maxDeadline);
        }
    }

    /**
     * A registry {@code "fake"} at {@code mem://fake} for {@code serviceType}, with room for 16
     * registrants, a fixed {@code deadline} and no candidates.
     *
     * @param serviceType the service type it accepts; not blank
     * @param deadline the fixed deadline it gives; positive
     * @return the configuration
     */
    public static RegistryConfig of(String serviceType, Duration deadline) {
        return new RegistryConfig(
                "fake", serviceType, URI.create("mem://fake"), List.of(), 16, deadline, Duration.ZERO, deadline);
    }

    /**
     * This configuration with another id.
     *
     * @param newId the registry's id; not blank
     * @return a new configuration
     */
    public RegistryConfig withId(String newId) {
        return new RegistryConfig(
                newId, serviceType, address, candidates, capacity, deadline, deadlineStep, maxDeadline);
    }

    /**
     * This configuration with another address.
     *
     * @param newAddress its own address
     * @return a new configuration
     */
    public RegistryConfig withAddress(URI newAddress) {
        return new RegistryConfig(
                id, serviceType, newAddress, candidates, capacity, deadline, deadlineStep, maxDeadline);
    }

    /**
     * This configuration naming other candidate registries.
     *
     * @param newCandidates the registries named in every response; copied
     * @return a new configuration
     */
    public RegistryConfig withCandidates(List<URI> newCandidates) {
        return new RegistryConfig(
                id, serviceType, address, newCandidates, capacity, deadline, deadlineStep, maxDeadline);
    }

    /**
     * This configuration with another capacity.
     *
     * @param newCapacity how many registrants it holds at once; positive
     * @return a new configuration
     */
    public RegistryConfig withCapacity(int newCapacity) {
        return new RegistryConfig(
                id, serviceType, address, candidates, newCapacity, deadline, deadlineStep, maxDeadline);
    }

    /**
     * This configuration with a deadline growing by {@code step} per beat up to {@code max}.
     *
     * @param step the growth per accepted beat; zero or more
     * @param max the largest deadline; not less than this configuration's first deadline
     * @return a new configuration
     */
    public RegistryConfig withGrowingDeadline(Duration step, Duration max) {
        return new RegistryConfig(id, serviceType, address, candidates, capacity, deadline, step, max);
    }

    /**
     * The deadline of a registrant's accepted beat number {@code beat} (0 for the first).
     *
     * @param beat zero or more
     * @return the deadline; positive, at most {@code maxDeadline}
     */
    public Duration deadlineFor(int beat) {
        Checks.notNegative(beat, "beat");
        Duration grown = deadline.plus(deadlineStep.multipliedBy(beat));
        return grown.compareTo(maxDeadline) > 0 ? maxDeadline : grown;
    }

    @Override
    public String toString() {
        String growth = deadlineStep.isZero()
                ? "fixed " + deadline
                : deadline + " +" + deadlineStep + "/beat up to " + maxDeadline;
        return "Registry[" + id + " " + serviceType + " at " + address + ", capacity " + capacity + ", deadline "
                + growth + (candidates.isEmpty() ? "" : ", candidates " + candidates) + "]";
    }
}
