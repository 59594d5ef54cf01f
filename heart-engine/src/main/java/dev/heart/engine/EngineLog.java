package dev.heart.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's loggers, one per concern, so that a service owner can turn each up or down:
 * <ul>
 *   <li>{@code dev.heart.engine.Heart}: a heart's life (closing, executors, resources);</li>
 *   <li>{@code dev.heart.engine.Beating}: what happens to registrants (registered, lost, failed
 *       beats, beats at DEBUG, ends);</li>
 *   <li>{@code dev.heart.engine.Listener}: listeners that threw;</li>
 *   <li>{@code dev.heart.engine.Timer}: the timer (a task that threw).</li>
 * </ul>
 * The README's "What is logged" table lists every line.
 */
final class EngineLog {
    static final Logger HEART = LoggerFactory.getLogger("dev.heart.engine.Heart");
    static final Logger BEATING = LoggerFactory.getLogger("dev.heart.engine.Beating");
    static final Logger LISTENER = LoggerFactory.getLogger("dev.heart.engine.Listener");
    static final Logger TIMER = LoggerFactory.getLogger("dev.heart.engine.Timer");

    private EngineLog() {}
}
