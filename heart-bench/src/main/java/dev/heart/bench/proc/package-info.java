/**
 * What the harnesses that run child JVMs share (P3, E3): a child JVM commanded through its
 * standard input and stopped by its PID ({@link dev.heart.bench.proc.SideProcess}), a process's CPU
 * time from {@code /proc} ({@link dev.heart.bench.proc.ProcCpu}).
 */
@NullMarked
package dev.heart.bench.proc;

import org.jspecify.annotations.NullMarked;
