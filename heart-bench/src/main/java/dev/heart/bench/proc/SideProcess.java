package dev.heart.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A child JVM of a harness (a side of P3, the server or the heart of E3): commanded through its
 * standard input, one line a command; its output lines that start with one of its answer prefixes
 * are queued for {@link #ask}, every other line goes to the start's consumer (by default those worth
 * showing, progress and errors, are copied to this JVM's output). Stopped by its own PID: asked with
 * {@code stop}, killed when it does not exit in time, or when this JVM ends first (a shutdown hook).
 */
public final class SideProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> answerPrefixes;
    private final Consumer<String> others;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Thread reader;
    /** Kills the child by its PID if this JVM ends (a signal, an exit) before {@link #close()}. */
    private final Thread killer;

    private SideProcess(String name, Process process, List<String> answerPrefixes, Consumer<String> others) {
        this.name = name;
        this.process = process;
        this.answerPrefixes = List.copyOf(answerPrefixes);
        this.others = others;
        this.reader = new Thread(this::read, "heart-bench-" + name.replace(' ', '-') + "-output");
        reader.setDaemon(true);
        reader.start();
        ProcessHandle handle = process.toHandle();
        this.killer = new Thread(handle::destroyForcibly, "heart-bench-" + name.replace(' ', '-') + "-killer");
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts {@code command} (its standard error merged into its output).
     *
     * @param name           for messages, e.g. {@code "P3 heart"}
     * @param command        the command line, {@link #java()} first
     * @param answerPrefixes the output lines that answer a command start with one of these
     * @param others         takes every other output line, on the reader thread
     */
    public static SideProcess start(
            String name, List<String> command, List<String> answerPrefixes, Consumer<String> others)
            throws IOException {
        return new SideProcess(
                name, new ProcessBuilder(command).redirectErrorStream(true).start(), answerPrefixes, others);
    }

    /** Copies {@code line} to this JVM's output when it is worth showing: indented progress, or an error. */
    public static void showNoteworthy(String line) {
        if (line.startsWith("  ") || line.contains("Exception") || line.contains("Error") || line.contains("ERROR")) {
            System.out.println(line);
        }
    }

    /** The {@code java} of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Why the side is not running, or null while it runs. */
    @Nullable
    public String ended() {
        return process.isAlive() ? null : "the " + name + " side exited with status " + process.exitValue();
    }

    /**
     * Sends {@code command} and waits for the next output line starting with {@code prefix}.
     *
     * @return that line without the prefix, or null when the side ended or did not answer within {@code bound}
     */
    @Nullable
    public String ask(String command, String prefix, Duration bound) throws InterruptedException {
        if (!command(command)) {
            return null;
        }
        long end = System.nanoTime() + bound.toNanos();
        for (long left = bound.toNanos(); left > 0; left = end - System.nanoTime()) {
            String answer = answers.poll(left, TimeUnit.NANOSECONDS);
            if (answer == null) {
                return null;
            }
            if (answer.startsWith(prefix)) {
                return answer.substring(prefix.length());
            }
        }
        return null;
    }

    /** Sends one command line; false when the side has ended. */
    public boolean command(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            return true;
        } catch (IOException e) {
            return false; // the side ended
        }
    }

    private void read() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (isAnswer(line)) {
                    answers.add(line);
                } else {
                    others.accept(line);
                }
            }
        } catch (IOException e) {
            // the side ended
        }
    }

    private boolean isAnswer(String line) {
        for (String prefix : answerPrefixes) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Asks the side to stop and exit; at most {@link #STOP_BOUND}, then kills it by its PID. */
    @Override
    public void close() {
        command("stop");
        try {
            if (!process.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println(name + ": still running " + STOP_BOUND + " after stop; killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // this JVM is shutting down: the hook kills the child, which has ended anyway
        }
    }

    private static final Duration STOP_BOUND = Duration.ofSeconds(60);
}
