package dev.heart.testkit;

import dev.heart.testkit.internal.Checks;
import java.time.Duration;

/**
 * What goes wrong with one request on its way through the {@code mem} transport to a
 * {@link FakeRegistry}. Values; {@code toString} is short, for printing plans.
 */
public sealed interface Fault {

    /**
     * No fault: the registry answers at once.
     *
     * @return the no-fault value
     */
    static Fault none() {
        return None.INSTANCE;
    }

    /**
     * The request is lost: no answer, the attempt times out.
     *
     * @return a drop fault
     */
    static Fault drop() {
        return new Drop();
    }

    /**
     * The answer comes {@code delay} late.
     *
     * @param delay how late the answer comes; positive
     * @return a delay fault
     * @throws IllegalArgumentException when {@code delay} is zero or negative
     */
    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    /**
     * The transport fails the request at once.
     *
     * @return a transport-error fault
     */
    static Fault transportError() {
        return new TransportError();
    }

    /**
     * The request is rejected without reaching the registry's state.
     *
     * @return a reject fault
     */
    static Fault reject() {
        return new Reject();
    }

    /**
     * The registration is removed behind the registrant's back (an operator, an etcd key deleted):
     * the registry forgets it and answers this request with a {@code NOT_REGISTERED} rejection.
     *
     * @return a not-registered fault
     */
    static Fault notRegistered() {
        return new NotRegistered();
    }

    /**
     * The registry crashes on this request (it fails) and restarts, forgetting everyone.
     *
     * @return a crash-and-restart fault
     */
    static Fault crashRestart() {
        return new CrashRestart();
    }

    /**
     * This request and every one within {@code period} are lost.
     *
     * @param period how long requests are lost, from this one on; positive
     * @return a partition fault
     * @throws IllegalArgumentException when {@code period} is zero or negative
     */
    static Fault partition(Duration period) {
        return new Partition(period);
    }

    /**
     * This answer and every one within {@code period} come {@code extra} late.
     *
     * @param extra how late each answer comes; positive
     * @param period how long the slowdown lasts, from this request on; positive
     * @return a slowdown fault
     * @throws IllegalArgumentException when a duration is zero or negative
     */
    static Fault slowdown(Duration extra, Duration period) {
        return new Slowdown(extra, period);
    }

    /**
     * The registrant pauses for {@code pause} (a virtual clock jump) just as it sends.
     *
     * @param pause how far the virtual clock jumps; positive
     * @return a pause fault
     * @throws IllegalArgumentException when {@code pause} is zero or negative
     */
    static Fault pause(Duration pause) {
        return new Pause(pause);
    }

    /**
     * Whether this is {@link #none()}.
     *
     * @return true for the no-fault value
     */
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

    /**
     * The answer comes late.
     *
     * @param delay how late the answer is; positive
     */
    record Delay(Duration delay) implements Fault {
        /**
         * Validates.
         *
         * @param delay how late the answer is; positive
         * @throws IllegalArgumentException when a duration is zero or negative
         */
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

    /**
     * Requests are lost for a while.
     *
     * @param period how long requests are lost; positive
     */
    record Partition(Duration period) implements Fault {
        /**
         * Validates.
         *
         * @param period how long requests are lost; positive
         * @throws IllegalArgumentException when a duration is zero or negative
         */
        public Partition {
            Checks.positive(period, "period");
        }

        @Override
        public String toString() {
            return "partition " + period;
        }
    }

    /**
     * Answers come late for a while.
     *
     * @param extra  how late each answer is; positive
     * @param period how long it lasts; positive
     */
    record Slowdown(Duration extra, Duration period) implements Fault {
        /**
         * Validates.
         *
         * @param extra how late each answer is; positive
         * @param period how long it lasts; positive
         * @throws IllegalArgumentException when a duration is zero or negative
         */
        public Slowdown {
            Checks.positive(extra, "extra");
            Checks.positive(period, "period");
        }

        @Override
        public String toString() {
            return "slowdown +" + extra + " for " + period;
        }
    }

    /**
     * The registrant freezes.
     *
     * @param pause how long the registrant is frozen; positive
     */
    record Pause(Duration pause) implements Fault {
        /**
         * Validates.
         *
         * @param pause how long the registrant is frozen; positive
         * @throws IllegalArgumentException when a duration is zero or negative
         */
        public Pause {
            Checks.positive(pause, "pause");
        }

        @Override
        public String toString() {
            return "pause " + pause;
        }
    }
}
