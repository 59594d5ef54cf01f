/** E1: the engine's cost per beat against a transport that answers at once, versus a bare loop. */
package dev.heart.bench.e1;
