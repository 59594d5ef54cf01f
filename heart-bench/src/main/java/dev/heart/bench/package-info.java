/**
 * The benchmark harnesses of heart, one {@link dev.heart.bench.Figure} per figure of
 * {@code docs/benchmarks.md}, run through {@link dev.heart.bench.Bench}. A harness prints: standard
 * output is its job here, unlike in the library modules.
 */
@NullMarked
package dev.heart.bench;

import org.jspecify.annotations.NullMarked;
