/** The in-memory transport the benchmarks beat through: no wire, answers at once (against heart-registry's LeaseRegistry). */
package dev.heart.bench.mem;
