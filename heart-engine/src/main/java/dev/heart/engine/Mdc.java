package dev.heart.engine;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * The MDC keys the engine sets around beater and listener calls (and its own log lines), so that
 * a service's log lines say which registrant they are about: {@value #REGISTRANT} (the
 * registrant's id) and {@value #SERVICE} (its service type). Whatever the thread held under those
 * keys before is restored after.
 */
final class Mdc {
    static final String REGISTRANT = "heart.registrant";
    static final String SERVICE = "heart.service";

    /**
     * The binding's MDC. A field so that the engine's tests can put a working one in place:
     * slf4j-simple, their binding, keeps no MDC.
     */
    static MDCAdapter adapter = MDC.getMDCAdapter();

    private Mdc() {}

    /** Sets both keys; returns what {@link #exit} restores. */
    static @Nullable Object enter(String registrant, String service) {
        String outerRegistrant = adapter.get(REGISTRANT);
        String outerService = adapter.get(SERVICE);
        adapter.put(REGISTRANT, registrant);
        adapter.put(SERVICE, service);
        return outerRegistrant == null && outerService == null ? null : new String[] {outerRegistrant, outerService};
    }

    /** Restores what the thread held before {@link #enter}: removes both keys, usually. */
    static void exit(@Nullable Object entered) {
        @Nullable String @Nullable [] outer = (@Nullable String[]) entered;
        restore(REGISTRANT, outer == null ? null : outer[0]);
        restore(SERVICE, outer == null ? null : outer[1]);
    }

    private static void restore(String key, @Nullable String value) {
        if (value == null) {
            adapter.remove(key);
        } else {
            adapter.put(key, value);
        }
    }
}
