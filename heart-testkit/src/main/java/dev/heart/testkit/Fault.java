package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.time.Duration;

/**
 * What goes wrong with one request on its way through the {@code mem} transport to a
 * {@link FakeRegistry}. Values; {@code toString} is short, for printing plans.
 */
public sealed interface Fault {

    /** No fault: the registry answers at once. */
    static Fault none() {
        return None.INSTANCE;
    }

    /** The request is lost: no answer, the attempt times out. */
    static Fault drop() {
        return new Drop();
    }

    /** The answer comes {@code delay} late. */
    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    /** The transport fails the request at once. */
    static Fault transportError() {
        return new TransportError();
    }

    /** The request is rejected without reaching the registry's state. */
    static Fault reject() {
        return new Reject();
    }

    /**
     * The registration is removed behind the registrant's back (an operator, an etcd key deleted):
     * the registry forgets it and answers this request with a {@code NOT_REGISTERED} rejection.
     */
    static Fault notRegistered() {
        return new NotRegistered();
    }

    /** The registry crashes on this request (it fails) and restarts, forgetting everyone. */
    static Fault crashRestart() {
        return new CrashRestart();
    }

    /** This request and every one within {@code period} are lost. */
    static Fault partition(Duration period) {
        return new Partition(period);
    }

    /** This answer and every one within {@code period} come {@code extra} late. */
    static Fault slowdown(Duration extra, Duration period) {
        return new Slowdown(extra, period);
    }

    /** The registrant pauses for {@code pause} (a virtual clock jump) just as it sends. */
    static Fault pause(Duration pause) {
        return new Pause(pause);
    }

    /** Whether this is {@link #none()}. */
    default boolean isNone() {
        return this instanceof None;
    }

    /** No fault. */
    enum None implements Fault {
        /** The one value. */
        INSTANCE;

        @Override
        public String toString() {
            return "ok";
        }
    }

    /** The request is lost. */
    record Drop() implements Fault {
        @Override
        public String toString() {
            return "drop";
        }
    }

    /** @param delay how late the answer is; positive */
    record Delay(Duration delay) implements Fault {
        /** Validates. */
        public Delay {
            Checks.positive(delay, "delay");
        }

        @Override
        public String toString() {
            return "delay " + delay;
        }
    }

    /** The transport fails. */
    record TransportError() implements Fault {
        @Override
        public String toString() {
            return "error";
        }
    }

    /** A rejection. */
    record Reject() implements Fault {
        @Override
        public String toString() {
            return "reject";
        }
    }

    /** The registration removed behind our back; answered {@code NOT_REGISTERED}. */
    record NotRegistered() implements Fault {
        @Override
        public String toString() {
            return "not-registered";
        }
    }

    /** The registry crashes and restarts. */
    record CrashRestart() implements Fault {
        @Override
        public String toString() {
            return "crash";
        }
    }

    /** @param period how long requests are lost; positive */
    record Partition(Duration period) implements Fault {
        /** Validates. */
        public Partition {
            Checks.positive(period, "period");
        }

        @Override
        public String toString() {
            return "partition " + period;
        }
    }

    /**
     * @param extra  how late each answer is; positive
     * @param period how long it lasts; positive
     */
    record Slowdown(Duration extra, Duration period) implements Fault {
        /** Validates. */
        public Slowdown {
            Checks.positive(extra, "extra");
            Checks.positive(period, "period");
        }

        @Override
        public String toString() {
            return "slowdown +" + extra + " for " + period;
        }
    }

    /** @param pause how long the registrant is frozen; positive */
    record Pause(Duration pause) implements Fault {
        /** Validates. */
        public Pause {
            Checks.positive(pause, "pause");
        }

        @Override
        public String toString() {
            return "pause " + pause;
        }
    }
}
