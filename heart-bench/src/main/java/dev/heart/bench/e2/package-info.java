/** E2: a million hearts in one JVM, beating every 10 s against an in-memory registry. */
package dev.heart.bench.e2;
