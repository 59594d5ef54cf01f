package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a beater keeps about one beating: created empty when the beating starts, dropped when it
 * ends. A beater that drives many registrants keeps its per-registrant state (a failure streak, a
 * give-up clock, the registry it failed over to) here, never in its own fields, so that a new
 * beating of the same registrant starts fresh, also when the old one was stopped in trouble.
 *
 * <p>Entries are found by {@link Key} identity: a beater makes its keys once (for instance one
 * per beater instance), so that a wrapped beater's entries never clash with its wrapper's. Keep
 * entries few and long-lived (mutate an entry rather than putting a new one per answer).
 *
 * <p>Not thread-safe, and need not be: the engine calls a beater for one beating one call at a
 * time, each call seeing what the previous ones stored.
 */
public interface BeatingContext {

    /**
     * The value stored under {@code key}.
     *
     * @param key   the entry's key
     * @param <T>   the value's type
     * @return the value; null when none is stored
     */
    <T> @Nullable T get(Key<T> key);

    /**
     * Stores {@code value} under {@code key}, replacing what was there.
     *
     * @param key   the entry's key
     * @param value the value
     * @param <T>   the value's type
     */
    <T> void put(Key<T> key, T value);

    /**
     * Removes the entry of {@code key}.
     *
     * @param key the entry's key
     * @param <T> the value's type
     * @return the value removed; null when none was stored
     */
    <T> @Nullable T remove(Key<T> key);

    /**
     * The value stored under {@code key}, or a new one from {@code create}, stored first.
     *
     * @param key    the entry's key
     * @param create makes the value when none is stored; returns non-null
     * @param <T>    the value's type
     * @return the value
     */
    default <T> T computeIfAbsent(Key<T> key, Supplier<? extends T> create) {
        T value = get(key);
        if (value == null) {
            value = Checks.notNull(create.get(), "created value");
            put(key, value);
        }
        return value;
    }

    /**
     * The key of one entry, compared by identity.
     *
     * @param <T> the type of the value stored under it
     */
    final class Key<T> {
        private final String name;

        private Key(String name) {
            this.name = name;
        }

        /**
         * A new key, distinct from every other.
         *
         * @param name for {@link #toString()} only
         * @param <T>  the type of the value stored under it
         * @return a new key
         */
        public static <T> Key<T> named(String name) {
            return new Key<>(Checks.notNull(name, "name"));
        }

        @Override
        public String toString() {
            return "Key[" + name + "]";
        }
    }
}
