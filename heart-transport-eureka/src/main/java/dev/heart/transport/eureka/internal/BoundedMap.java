package dev.heart.transport.eureka.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe map that forgets its least recently used entry beyond a capacity. Operations hold
 * a lock only around the map itself, never around I/O.
 */
final class BoundedMap<K, V> {
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<K, V> entries;

    BoundedMap(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    @Nullable
    V get(K key) {
        lock.lock();
        try {
            return entries.get(key);
        } finally {
            lock.unlock();
        }
    }

    void put(K key, V value) {
        lock.lock();
        try {
            entries.put(key, value);
        } finally {
            lock.unlock();
        }
    }

    @Nullable
    V remove(K key) {
        lock.lock();
        try {
            return entries.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** Removes the entry only while it still maps to {@code value}. */
    boolean remove(K key, V value) {
        lock.lock();
        try {
            return entries.remove(key, value);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
