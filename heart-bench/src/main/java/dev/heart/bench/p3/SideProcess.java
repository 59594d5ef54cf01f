package dev.heart.bench.p3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One side of P3 running in its child JVM ({@link HeartSide} or {@link CuratorSide}): started with
 * {@link SideArgs}, asked for its threads and stopped through its standard input; its output
 * lines worth showing (progress, errors) are copied to this JVM's.
 */
final class SideProcess implements AutoCloseable {
    /** A side JVM's options, the same for both sides. */
    static final List<String> JVM = List.of("-Xmx1g");

    private final String name;
    private final Process process;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SideProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::read, "heart-bench-p3-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    static SideProcess start(String name, String classPath, String main, SideArgs args, List<String> jvm)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ZooKeeperSideBySide.java());
        command.addAll(JVM);
        command.addAll(jvm);
        command.addAll(ZooKeeperSideBySide.LOGGING);
        command.addAll(List.of("-cp", classPath, main));
        command.addAll(List.of(args.toArgs()));
        return new SideProcess(
                name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Why the side is not running, or null while it runs. */
    @Nullable
    String ended() {
        return process.isAlive() ? null : "the " + name + " side exited with status " + process.exitValue();
    }

    /** The side's live threads (its {@code ThreadMXBean}), or -1 when it did not answer within 30 s. */
    long threads() throws InterruptedException {
        if (!command("threads")) {
            return -1;
        }
        String answer = answers.poll(30, TimeUnit.SECONDS);
        return answer == null ? -1 : Long.parseLong(answer.substring("THREADS ".length()));
    }

    private boolean command(String line) {
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
                if (line.startsWith("THREADS ")) {
                    answers.add(line);
                } else if (line.startsWith("  ")
                        || line.contains("Exception")
                        || line.contains("Error")
                        || line.contains("ERROR")) {
                    System.out.println(line);
                }
            }
        } catch (IOException e) {
            // the side ended
        }
    }

    /** Asks the side to close its registrations and exit; at most {@link #STOP_BOUND}, then kills it. */
    @Override
    public void close() {
        command("stop");
        try {
            if (!process.waitFor(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                System.out.println("P3 " + name + ": still running " + STOP_BOUND + " after stop; killed");
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
    }

    private static final Duration STOP_BOUND = Duration.ofSeconds(60);
}
