package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Makes values from a source of randomness: the registries and fault plans a {@link BeaterCheck}
 * tries. The same sequence of random numbers must give the same value, so that a check's seed
 * replays its cases; a generator draws from {@code random} only, never from a clock or a random
 * of its own.
 *
 * <pre>{@code
 * Generator<RegistryConfig> registries =
 *         random -> RegistryConfig.of("svc", Duration.ofSeconds(5 + random.nextInt(56)));
 * }</pre>
 *
 * <p>{@link HeartGens} holds the ready-made ones. A failing case is made smaller by
 * {@link BeaterCheck} itself (its fault plan's faults as few and as early as they go), not by the
 * generator.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface Generator<T> {

    /**
     * One value.
     *
     * @param random where every random choice comes from
     * @return the value
     */
    T generate(RandomGenerator random);

    /**
     * This generator's values, each passed through {@code mapper}.
     *
     * @param mapper returns no null
     * @param <R> the type of the mapped values
     * @return the generator
     */
    default <R> Generator<R> map(Function<? super T, ? extends R> mapper) {
        Checks.notNull(mapper, "mapper");
        return random -> mapper.apply(generate(random));
    }
}
