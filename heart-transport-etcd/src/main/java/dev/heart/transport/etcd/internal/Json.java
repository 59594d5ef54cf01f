package dev.heart.transport.etcd.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes etcd gateway bodies with Jackson's streaming API. Bodies are written as flat
 * objects of strings (etcd's JSON gateway takes int64 fields as strings, bytes as base64 strings);
 * answers are read into plain maps, lists and scalars. Thread-safe.
 */
final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Json() {
    }

    /** A JSON object of the given string fields, in order, as UTF-8. */
    static byte[] write(Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + fields.size() * 32);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                generator.writeStringField(field.getKey(), field.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads one JSON object.
     *
     * @throws IOException when {@code body} is not one JSON object
     */
    static Map<String, Object> readObject(byte[] body) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Map<String, Object> object = readFields(parser);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the JSON object");
            }
            return object;
        }
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return readFields(parser);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(readValue(parser, next));
                }
                return Collections.unmodifiableList(list);
            case VALUE_STRING:
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getText();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return parser.getBooleanValue();
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    private static Map<String, Object> readFields(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        return Collections.unmodifiableMap(object);
    }

    /** The object in {@code field}, or an empty map when absent or not an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> from, String field) {
        Object value = from.get(field);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    /** The list in {@code field}, or an empty list when absent or not a list. */
    static List<?> list(Map<String, Object> from, String field) {
        Object value = from.get(field);
        return value instanceof List ? (List<?>) value : List.of();
    }

    /** The text of a scalar {@code field} (numbers as written), or null when absent. */
    static String text(Map<String, Object> from, String field) {
        Object value = from.get(field);
        return value == null || value instanceof Map || value instanceof List ? null : value.toString();
    }

    /**
     * An int64 {@code field} (etcd writes them as strings; ids are unsigned), or {@code absent}.
     *
     * @throws NumberFormatException when present but not a number
     */
    static long int64(Map<String, Object> from, String field, long absent) {
        String text = text(from, field);
        if (text == null) {
            return absent;
        }
        return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
    }
}
