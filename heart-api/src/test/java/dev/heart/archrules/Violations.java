package dev.heart.archrules;

import java.io.Serializable;
import java.util.concurrent.Executors;

/** One class per shared rule that breaks it, to prove each rule can fail. */
@SuppressWarnings("unused")
final class Violations {
    private Violations() {}

    static final class WallClock {
        long now() {
            return System.currentTimeMillis();
        }
    }

    static final class Prints {
        void print() {
            System.out.println("hello");
        }
    }

    static final class Serialized implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    static final class UnnamedThread {
        void start() {
            new Thread(() -> {}).start();
            Executors.newSingleThreadExecutor().shutdown();
        }
    }

    /** Public and in dev.heart.., yet not a HeartException. */
    public static final class StrayException extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
