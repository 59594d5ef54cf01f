/**
 * Many hearts against one registry, and their figures: used by {@code heart load} and
 * {@code heart demo}. Prints nothing; the commands read {@link dev.heart.cli.load.LoadSnapshot}s.
 */
package dev.heart.cli.load;
