/**
 * The commands, their option converters, and the only code of the module that prints: each
 * command writes to the {@link java.io.PrintWriter}s of its picocli command spec.
 */
package dev.heart.cli;
