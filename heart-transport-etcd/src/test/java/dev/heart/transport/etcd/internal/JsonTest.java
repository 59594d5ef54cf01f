package dev.heart.transport.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies written and read as etcd's gateway has them. */
class JsonTest {

    static Map<String, Object> read(String json) throws IOException {
        return Json.readObject(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesAFlatObjectOfStringsInOrderEscaped() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("TTL", "2");
        fields.put("quote\"d", "line\nbreak é");
        assertEquals("{\"TTL\":\"2\",\"quote\\\"d\":\"line\\nbreak é\"}",
                new String(Json.write(fields), StandardCharsets.UTF_8));
        assertEquals("{}", new String(Json.write(Map.of()), StandardCharsets.UTF_8));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsNestedAnswersWithInt64sAsStringsAndUnsignedIds() throws IOException {
        Map<String, Object> answer = read("{\"header\":{\"member_id\":\"13668033151171901709\",\"revision\":\"3\"},"
                + "\"result\":{\"TTL\":\"-1\"},\"members\":[{\"ID\":\"1\",\"clientURLs\":[\"http://a:1\"]}],"
                + "\"n\":7,\"ok\":true,\"none\":null}");
        Map<String, Object> header = Json.object(answer, "header");
        assertEquals("bdae9bbc11dd390d", Long.toHexString(Json.int64(header, "member_id", 0)));
        assertEquals(3, Json.int64(header, "revision", 0));
        assertEquals(-1, Json.int64(Json.object(answer, "result"), "TTL", 0));
        assertEquals(42, Json.int64(answer, "absent", 42));
        assertEquals(7, Json.int64(answer, "n", 0));
        assertEquals("true", Json.text(answer, "ok"));
        assertEquals(null, Json.text(answer, "none"));
        assertEquals(List.of("http://a:1"), Json.list((Map<String, Object>) Json.list(answer, "members").get(0),
                "clientURLs"));
        assertEquals(Map.of(), Json.object(answer, "members"), "a list is not an object");
        assertEquals(List.of(), Json.list(answer, "header"), "an object is not a list");
    }

    @Test
    void refusesWhatIsNotOneObject() {
        assertThrows(IOException.class, () -> read("[1]"));
        assertThrows(IOException.class, () -> read("Not Found"));
        assertThrows(IOException.class, () -> read("{\"a\":"));
        assertThrows(IOException.class, () -> read("{} {}"));
        assertThrows(IOException.class, () -> read(""));
    }
}
