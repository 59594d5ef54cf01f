/** What-if time sources, to quantify proposed engine changes; the headline figures never use them. */
package dev.heart.bench.time;
