package io.qiaoban.form.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.qiaoban.core.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next page starts: the sort it belongs to, the last row's sort value and id, as opaque
 * base64url text. A cursor made for another sort or tampered with is refused, never half-read.
 */
public record Cursor(String sort, String value, UUID id) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String encode() {
        ArrayNode a = JSON.createArrayNode().add(sort).add(value).add(id.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(a.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text, String expectedSort) {
        try {
            if (text.length() > 2000) {
                throw new IllegalArgumentException();
            }
            JsonNode a = JSON.readTree(Base64.getUrlDecoder().decode(text));
            if (!a.isArray() || a.size() != 3 || !a.get(0).asText().equals(expectedSort)) {
                throw new IllegalArgumentException();
            }
            return new Cursor(a.get(0).asText(), a.get(1).isNull() ? null : a.get(1).asText(), UUID.fromString(a.get(2).asText()));
        } catch (Exception e) {
            throw ProblemException.invalid("cursor", "form.query.cursor");
        }
    }
}
