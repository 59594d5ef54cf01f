package dev.heart.engine;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The storage of one beating's {@link dev.heart.api.BeatingContext}: keys and values side by side
 * in one array, which the loop holds ({@code null} until the first entry is put: a beating whose
 * beater keeps nothing costs nothing). Keys are compared by identity.
 */
final class Context {
    private Context() {}

    static @Nullable Object get(@Nullable Object @Nullable [] entries, Object key) {
        if (entries != null) {
            for (int i = 0; i < entries.length; i += 2) {
                if (entries[i] == key) {
                    return entries[i + 1];
                }
            }
        }
        return null;
    }

    /** Stores the entry; returns the array to keep (a new one when it had to grow). */
    static @Nullable Object[] put(@Nullable Object @Nullable [] entries, Object key, Object value) {
        @Nullable Object[] e = entries != null ? entries : new Object[4];
        int free = -1;
        for (int i = 0; i < e.length; i += 2) {
            if (e[i] == key) {
                e[i + 1] = value;
                return e;
            }
            if (e[i] == null && free < 0) {
                free = i;
            }
        }
        if (free < 0) {
            free = e.length;
            e = Arrays.copyOf(e, e.length * 2);
        }
        e[free] = key;
        e[free + 1] = value;
        return e;
    }

    static @Nullable Object remove(@Nullable Object @Nullable [] entries, Object key) {
        if (entries != null) {
            for (int i = 0; i < entries.length; i += 2) {
                if (entries[i] == key) {
                    @Nullable Object value = entries[i + 1];
                    entries[i] = null;
                    entries[i + 1] = null;
                    return value;
                }
            }
        }
        return null;
    }
}
