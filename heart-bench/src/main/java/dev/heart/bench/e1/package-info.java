/** E1: the engine's cost per beat against a transport that answers at once, versus a bare loop. */
@NullMarked
package dev.heart.bench.e1;

import org.jspecify.annotations.NullMarked;
