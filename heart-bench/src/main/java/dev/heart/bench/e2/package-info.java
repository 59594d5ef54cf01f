/** E2: a million hearts in one JVM, beating every 10 s against an in-memory registry. */
@NullMarked
package dev.heart.bench.e2;

import org.jspecify.annotations.NullMarked;
