package dev.heart.transport.tcp.internal;

import org.jspecify.annotations.Nullable;

/** Peer input quoted in our messages and error frames, cut short so a peer never makes them large. */
final class PeerText {
    private PeerText() {}

    /** The most characters of peer input an error message quotes. */
    static final int MAX_EXCERPT_CHARS = 64;
    /** The most characters of an error frame's message: what a peer sent never makes an error frame large. */
    static final int MAX_ERROR_MESSAGE_CHARS = 512;

    /**
     * Peer input quoted in a message: at most {@link #MAX_EXCERPT_CHARS} characters, control
     * characters replaced by '?', and the length when cut.
     */
    static String excerpt(String s) {
        String cut = s.length() <= MAX_EXCERPT_CHARS ? s : s.substring(0, MAX_EXCERPT_CHARS);
        StringBuilder out = new StringBuilder(cut.length() + 24);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        if (cut.length() < s.length()) {
            out.append("...(").append(s.length()).append(" chars)");
        }
        return out.toString();
    }

    /** An error frame's message, cut to {@link #MAX_ERROR_MESSAGE_CHARS}. */
    static String errorMessage(@Nullable String message) {
        if (message == null) {
            return "";
        }
        return message.length() <= MAX_ERROR_MESSAGE_CHARS
                ? message
                : message.substring(0, MAX_ERROR_MESSAGE_CHARS - 3) + "...";
    }
}
