/** The in-memory transport the benchmarks beat through: no wire, answers at once (against heart-registry's LeaseRegistry). */
@NullMarked
package dev.heart.bench.mem;

import org.jspecify.annotations.NullMarked;
