package dev.heart.engine;

import org.slf4j.MDC;

/**
 * The MDC keys the engine sets around beater and listener calls (and its own log lines), so that
 * a service's log lines say which registrant they are about: {@value #REGISTRANT} (the
 * registrant's id) and {@value #SERVICE} (its service type). Whatever the thread held under those
 * keys before is restored after.
 */
final class Mdc {
    static final String REGISTRANT = "heart.registrant";
    static final String SERVICE = "heart.service";

    private Mdc() {
    }

    /** Sets both keys; returns what {@link #exit} restores. */
    static Object enter(String registrant, String service) {
        String outerRegistrant = MDC.get(REGISTRANT);
        String outerService = MDC.get(SERVICE);
        MDC.put(REGISTRANT, registrant);
        MDC.put(SERVICE, service);
        return outerRegistrant == null && outerService == null ? null : new String[] {outerRegistrant, outerService};
    }

    /** Restores what the thread held before {@link #enter}: removes both keys, usually. */
    static void exit(Object entered) {
        String[] outer = (String[]) entered;
        restore(REGISTRANT, outer == null ? null : outer[0]);
        restore(SERVICE, outer == null ? null : outer[1]);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
