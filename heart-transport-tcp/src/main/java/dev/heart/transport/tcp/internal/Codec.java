package dev.heart.transport.tcp.internal;

import dev.heart.api.LeaseToken;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes the payloads of wire protocol version 2. Encoders write a whole frame,
 * length prefix included, into a buffer that has {@code ...FrameSize} bytes left; decoders read
 * a payload (the bytes after the id) and throw {@link ProtocolException} when it is malformed.
 * Stateless and thread-safe.
 */
final class Codec {
    private Codec() {}

    /** The bytes of the whole request frame, length prefix included. */
    static int requestFrameSize(Request request) {
        RegistrantInfo r = request.registrant();
        return Wire.LENGTH_BYTES
                + Wire.HEADER_BYTES
                + 8
                + 1
                + LeaseFields.tokenSize(request.token())
                + stringSize(r.id())
                + stringSize(r.serviceType())
                + attributesSize(r.attributes());
    }

    static void putRequest(ByteBuffer out, long id, Request request, long deadlineNanos) {
        putRequest(out, id, request, deadlineNanos, requestFrameSize(request));
    }

    /** Writes a request frame whose {@link #requestFrameSize} the caller has already taken: {@code size}. */
    static void putRequest(ByteBuffer out, long id, Request request, long deadlineNanos, int size) {
        putHeader(out, size, Wire.KIND_REQUEST, id);
        RegistrantInfo r = request.registrant();
        out.putLong(deadlineNanos);
        out.put((byte) (request.disconnect() ? Wire.FLAG_DISCONNECT : 0));
        LeaseFields.putToken(out, request.token());
        putString(out, r.id());
        putString(out, r.serviceType());
        putAttributes(out, r.attributes());
    }

    /** The bytes of the whole response frame, length prefix included. */
    static int responseFrameSize(Response response) {
        return responseFrameSize(response, registrySize(response.registry()));
    }

    /** The bytes of the whole response frame of {@code response} whose registry section takes {@code registryBytes}. */
    static int responseFrameSize(Response response, int registryBytes) {
        return Wire.LENGTH_BYTES
                + Wire.HEADER_BYTES
                + 1
                + 1
                + 8
                + LeaseFields.tokenSize(response.token())
                + registryBytes;
    }

    static void putResponse(ByteBuffer out, long id, Response response) {
        putResponse(out, id, response, null);
    }

    /**
     * Writes a response frame; {@code registry} is the registry section already encoded (see
     * {@link RegistryCache}), or null to encode it here.
     */
    static void putResponse(ByteBuffer out, long id, Response response, byte @Nullable [] registry) {
        int registryBytes = registry == null ? registrySize(response.registry()) : registry.length;
        putHeader(out, responseFrameSize(response, registryBytes), Wire.KIND_RESPONSE, id);
        out.put((byte) (response.reject() ? Wire.FLAG_REJECT : 0));
        out.put(LeaseFields.reasonCode(response.rejectReason()));
        out.putLong(nanos(response.timeout()));
        LeaseFields.putToken(out, response.token());
        if (registry == null) {
            putRegistry(out, response.registry());
        } else {
            out.put(registry);
        }
    }

    /** The bytes of a response's registry section: id, serviceType, address, candidates, attributes. */
    static int registrySize(RegistryInfo r) {
        int size = stringSize(r.id())
                + stringSize(r.serviceType())
                + stringSize(r.address().toString())
                + 4;
        for (URI candidate : r.candidates()) {
            size += stringSize(candidate.toString());
        }
        return size + attributesSize(r.attributes());
    }

    static void putRegistry(ByteBuffer out, RegistryInfo r) {
        putString(out, r.id());
        putString(out, r.serviceType());
        putString(out, r.address().toString());
        out.putInt(r.candidates().size());
        for (URI candidate : r.candidates()) {
            putString(out, candidate.toString());
        }
        putAttributes(out, r.attributes());
    }

    /** The bytes of the whole error frame, length prefix included. */
    static int errorFrameSize(String message) {
        return Wire.LENGTH_BYTES + Wire.HEADER_BYTES + 1 + stringSize(message);
    }

    static void putError(ByteBuffer out, long id, byte code, String message) {
        putHeader(out, errorFrameSize(message), Wire.KIND_ERROR, id);
        out.put(code);
        putString(out, message);
    }

    /** Reads a request payload. */
    static IncomingRequest readRequest(long id, ByteBuffer in) throws ProtocolException {
        long deadline = need(in, 9).getLong();
        if (deadline < 0) {
            throw ProtocolException.malformed("negative deadline " + deadline);
        }
        int flags = flags(in.get(), Wire.FLAG_DISCONNECT);
        LeaseToken token = LeaseFields.readToken(in);
        String registrantId = readString(in, "registrant id");
        String serviceType = readString(in, "registrant serviceType");
        Map<String, String> attributes = readAttributes(in);
        end(in);
        try {
            return new IncomingRequest(
                    id,
                    deadline,
                    new Request(new RegistrantInfo(registrantId, serviceType, attributes), flags != 0, token));
        } catch (RuntimeException e) {
            throw ProtocolException.malformed("invalid request: " + e.getMessage());
        }
    }

    /** Reads a response payload. */
    static Response readResponse(ByteBuffer in) throws ProtocolException {
        return readResponse(in, null);
    }

    /** Reads a response payload, reusing the registry of the previous one from {@code cache} when equal. */
    static Response readResponse(ByteBuffer in, @Nullable RegistryCache cache) throws ProtocolException {
        int flags = flags(need(in, 10).get(), Wire.FLAG_REJECT);
        boolean reject = flags != 0;
        RejectReason reason = LeaseFields.reason(in.get() & 0xFF, reject);
        long timeout = in.getLong();
        if (timeout < 0) {
            throw ProtocolException.malformed("negative timeout " + timeout);
        }
        LeaseToken token = LeaseFields.readToken(in);
        RegistryInfo registry = cache == null ? readRegistry(in) : cache.decode(in);
        return new Response(registry, Duration.ofNanos(timeout), reject, reason, token);
    }

    /** Reads the registry section, to the end of the payload. */
    static RegistryInfo readRegistry(ByteBuffer in) throws ProtocolException {
        String registryId = readString(in, "registry id");
        String serviceType = readString(in, "registry serviceType");
        URI address = readUri(in, "registry address");
        int count = readCount(in, "candidates");
        List<URI> candidates = count == 0 ? List.of() : new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            candidates.add(readUri(in, "candidate " + i));
        }
        Map<String, String> attributes = readAttributes(in);
        end(in);
        try {
            return new RegistryInfo(registryId, serviceType, address, candidates, attributes);
        } catch (RuntimeException e) {
            throw ProtocolException.malformed("invalid response: " + e.getMessage());
        }
    }

    /** Reads an error payload into "CODE: message". */
    static String readError(ByteBuffer in) throws ProtocolException {
        int code = need(in, 1).get() & 0xFF;
        String message = readString(in, "error message");
        end(in);
        return Wire.errorName(code) + ": " + PeerText.errorMessage(message); // a registry's text, cut as ours are
    }

    static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? 0 : Long.MAX_VALUE;
        }
    }

    private static void putHeader(ByteBuffer out, int frameSize, byte kind, long id) {
        out.putInt(frameSize - Wire.LENGTH_BYTES);
        out.putShort(Wire.MAGIC);
        out.put(Wire.VERSION);
        out.put(kind);
        out.putLong(id);
    }

    private static int stringSize(String s) {
        return 4 + Utf8.length(s);
    }

    private static void putString(ByteBuffer out, String s) {
        int at = out.position();
        out.position(at + 4);
        out.putInt(at, Utf8.put(out, s)); // the length once the bytes are written: one pass, not two
    }

    private static int attributesSize(Map<String, String> attributes) {
        int size = 4;
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            size += stringSize(e.getKey()) + stringSize(e.getValue());
        }
        return size;
    }

    private static void putAttributes(ByteBuffer out, Map<String, String> attributes) {
        out.putInt(attributes.size());
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            putString(out, e.getKey());
            putString(out, e.getValue());
        }
    }

    private static Map<String, String> readAttributes(ByteBuffer in) throws ProtocolException {
        int count = readCount(in, "attributes");
        if (count == 0) {
            return Map.of();
        }
        Map<String, String> attributes = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String key = readString(in, "attribute key");
            String value = readString(in, "value of attribute '" + PeerText.excerpt(key) + "'");
            if (attributes.put(key, value) != null) {
                throw ProtocolException.malformed("duplicate attribute key '" + PeerText.excerpt(key) + "'");
            }
        }
        return Collections.unmodifiableMap(attributes);
    }

    private static int readCount(ByteBuffer in, String what) throws ProtocolException {
        int count = need(in, 4).getInt();
        if (count < 0 || count > in.remaining() / 4) {
            throw ProtocolException.malformed("count of " + what + " " + Integer.toUnsignedString(count)
                    + " exceeds the " + in.remaining() + " bytes left");
        }
        return count;
    }

    private static String readString(ByteBuffer in, String what) throws ProtocolException {
        int length = need(in, 4).getInt();
        if (length < 0 || length > in.remaining()) {
            throw ProtocolException.malformed("length of " + what + " " + Integer.toUnsignedString(length)
                    + " exceeds the " + in.remaining() + " bytes left");
        }
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
        } else {
            byte[] bytes = new byte[length];
            in.get(bytes);
            s = new String(bytes, StandardCharsets.UTF_8);
        }
        return s;
    }

    private static URI readUri(ByteBuffer in, String what) throws ProtocolException {
        String text = readString(in, what);
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw ProtocolException.malformed(what + " is not a URI: " + e.getMessage());
        }
    }

    private static int flags(byte value, int allowed) throws ProtocolException {
        int flags = value & 0xFF;
        if ((flags & ~allowed) != 0) {
            throw ProtocolException.malformed("reserved flag bits set: 0x" + Integer.toHexString(flags));
        }
        return flags;
    }

    static ByteBuffer need(ByteBuffer in, int bytes) throws ProtocolException {
        if (in.remaining() < bytes) {
            throw ProtocolException.malformed(
                    "payload truncated: needs " + bytes + " more bytes, has " + in.remaining());
        }
        return in;
    }

    private static void end(ByteBuffer in) throws ProtocolException {
        if (in.hasRemaining()) {
            throw ProtocolException.malformed(in.remaining() + " unexpected bytes after the payload");
        }
    }
}
