package dev.heart.engine;

import dev.heart.api.Response;
import org.jspecify.annotations.Nullable;

/**
 * What a beating's {@link AttemptLoop} handles, one at a time: posted to its {@link Mailbox} from
 * any thread (the application's, the transport's, the executor's). A timer's expiry is no
 * event object: the mailbox carries it as the wait's number ({@link Mailbox#postExpired}).
 *
 * <p>A sealed type whose {@link #kind()} the loop switches on in a switch expression, which the
 * compiler checks for exhaustiveness: an event kind the loop does not handle does not compile.
 * (Java 17, the release this code targets, has no pattern matching in {@code switch} without
 * preview; the kind stands in for it.)
 */
sealed interface LoopEvent permits LoopEvent.Stop, LoopEvent.Answer, LoopEvent.LeaseCheck, BeaterCall {

    /** One constant per permitted type. */
    enum Kind {
        STOP,
        ANSWER,
        DECIDED,
        LEASE_CHECK
    }

    /** Which event this is. */
    Kind kind();

    /** The application stopped the beating: {@link Beating#stop()}, an interrupted caller, a closing heart. */
    final class Stop implements LoopEvent {
        static final Stop INSTANCE = new Stop();

        private Stop() {}

        @Override
        public Kind kind() {
            return Kind.STOP;
        }
    }

    /**
     * The transport completed the request sent under wait {@code seq}: {@code response}, or
     * {@code error} when it failed.
     */
    record Answer(
            int seq, @Nullable Response response, @Nullable Throwable error) implements LoopEvent {
        @Override
        public Kind kind() {
            return Kind.ANSWER;
        }
    }

    /** The lease timer armed as {@code generation} fired. */
    record LeaseCheck(int generation) implements LoopEvent {
        @Override
        public Kind kind() {
            return Kind.LEASE_CHECK;
        }
    }
}
