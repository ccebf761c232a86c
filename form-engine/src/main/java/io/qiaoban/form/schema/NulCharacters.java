package io.qiaoban.form.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.qiaoban.core.problem.ProblemException;
import java.util.Iterator;
import java.util.Map;

/**
 * PostgreSQL's jsonb cannot hold the character U+0000, in values or in names: a document carrying it
 * would fail in the database. Everything stored as jsonb (forms, records, row filters) is checked
 * here first and refused with a clear error pointing at the place.
 */
public final class NulCharacters {
    private NulCharacters() {
    }

    public static void refuse(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            throw ProblemException.invalid(path, "control-characters");
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuse(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey().replace("\0", "\\u0000");
                String at = path.isEmpty() ? name : path + "." + name;
                if (e.getKey().indexOf('\0') >= 0) {
                    throw ProblemException.invalid(at, "control-characters");
                }
                refuse(e.getValue(), at);
            }
        }
    }
}
