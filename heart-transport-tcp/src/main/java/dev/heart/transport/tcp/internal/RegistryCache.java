package dev.heart.transport.tcp.internal;

import dev.heart.api.RegistryInfo;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The last registry section seen, encoded and decoded: a registry answers with the same
 * {@link RegistryInfo} again and again, so a server encodes it once and a client decodes it once,
 * then compares bytes. Sections above 4 KiB are not cached. Not thread-safe: one per I/O thread
 * (server) or connection (client).
 */
final class RegistryCache {
    private static final int MAX_BYTES = 4096;

    private @Nullable RegistryInfo info;
    private byte @Nullable [] bytes;

    /** The encoded section of {@code registry}, or null when it is too large to cache. */
    byte @Nullable [] encode(RegistryInfo registry) {
        if (registry != info && !registry.equals(info)) {
            int size = Codec.registrySize(registry);
            if (size > MAX_BYTES) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate(size);
            Codec.putRegistry(buffer, registry);
            info = registry;
            bytes = buffer.array();
        }
        return bytes;
    }

    /** Decodes the section from {@code in} to its end, or returns the last one if the bytes are equal. */
    RegistryInfo decode(ByteBuffer in) throws ProtocolException {
        int length = in.remaining();
        int start = in.arrayOffset() + in.position();
        if (info != null // set together with bytes
                && bytes != null
                && length == bytes.length
                && Arrays.equals(in.array(), start, start + length, bytes, 0, length)) {
            in.position(in.limit());
            return info;
        }
        RegistryInfo registry = Codec.readRegistry(in);
        if (length <= MAX_BYTES) {
            bytes = Arrays.copyOfRange(in.array(), start, start + length);
            info = registry;
        }
        return registry;
    }
}
