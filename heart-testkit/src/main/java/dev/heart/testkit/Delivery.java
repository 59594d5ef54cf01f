package dev.heart.testkit;

import dev.heart.api.Request;
import java.time.Duration;

/**
 * One request as the {@code mem} transport delivered it to a simulated registry, with the fault
 * it met ({@link Fault#none()} when healthy). A request within a partition or slowdown carries
 * that partition or slowdown.
 *
 * @param at      when it was sent, on the binding's clock
 * @param request what was sent
 * @param fault   what went wrong with it
 */
public record Delivery(Duration at, Request request, Fault fault) {}
