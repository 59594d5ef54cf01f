package dev.heart.transport.tcp.internal;

import java.nio.ByteBuffer;

/**
 * UTF-8 encoding straight into a buffer, without intermediate byte arrays. An unpaired surrogate
 * is encoded as {@code '?'}, as {@link String#getBytes(java.nio.charset.Charset)} does.
 */
final class Utf8 {
    private Utf8() {}

    /** The number of bytes {@link #put} writes for {@code s}. */
    static int length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // 4 bytes for 2 chars
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 0; // '?'
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /**
     * Writes the UTF-8 bytes of {@code s}; the buffer must have {@link #length} bytes left. ASCII
     * goes straight into a heap buffer's array, one byte per char, without a bounds check per byte.
     *
     * @return the number of bytes written, {@link #length}{@code (s)}
     */
    static int put(ByteBuffer out, String s) {
        int n = s.length();
        int start = out.position();
        int i = 0;
        if (out.hasArray() && out.remaining() >= n) {
            byte[] array = out.array();
            int base = out.arrayOffset() + start;
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                array[base + i] = (byte) c;
            }
            out.position(start + i);
        }
        if (i < n) {
            putFrom(out, s, i);
        }
        return out.position() - start;
    }

    private static void putFrom(ByteBuffer out, String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                out.put((byte) '?');
            } else {
                out.put((byte) (0xE0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                out.put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }
}
