package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs {@code heart} in-process with captured output; thread-safe (StringWriter synchronizes). */
final class Console {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** The exit code of {@code heart args}, run on this thread. */
    int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** The result of {@code heart args} run on the calling thread. */
    static Result exec(String... args) {
        Console console = new Console();
        int code = console.run(args);
        return new Result(code, console.out.toString(), console.err.toString());
    }

    String out() {
        return out.toString();
    }

    /** Waits, at most {@code bound}, until the output satisfies {@code condition}. */
    void awaitOut(Predicate<String> condition, Duration bound, String what) throws InterruptedException {
        awaitTrue(() -> condition.test(out()), bound, what + "; output so far:\n" + out() + "\nerrors:\n" + err);
    }

    static void awaitTrue(Callable<Boolean> condition, Duration bound, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertTrue(System.nanoTime() - deadline < 0, "timed out waiting: " + what);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** What a run printed and returned. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
