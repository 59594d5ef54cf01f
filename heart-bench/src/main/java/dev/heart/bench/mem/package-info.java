/** In-memory transports and registries the benchmarks beat against: no wire, answers at once. */
package dev.heart.bench.mem;
