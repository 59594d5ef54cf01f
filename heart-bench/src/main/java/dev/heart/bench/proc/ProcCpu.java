package dev.heart.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time from {@code /proc/<pid>/stat} (Linux), as P1 reads etcd's; shared by the harnesses that run child JVMs. */
public final class ProcCpu {
    private ProcCpu() {}

    /** User plus system CPU time of process {@code pid} so far, in nanoseconds (10 ms steps: USER_HZ 100). */
    public static long nanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L;
    }
}
