package io.qiaoban.form.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The administrative divisions of mainland China (province, city, district with their codes), from
 * the National Bureau of Statistics via the china-division package (resource china-divisions.json).
 * Address fields are checked against it and the address picker shows it.
 */
public final class ChinaDivisions {
    private static final ChinaDivisions INSTANCE = load();

    private final JsonNode tree;
    private final Map<String, Division> provinces;

    /** One division: its code, name, and the divisions under it by name. */
    public record Division(String code, String name, Map<String, Division> children) {
    }

    private ChinaDivisions(JsonNode tree) {
        this.tree = tree;
        this.provinces = children(tree);
    }

    public static ChinaDivisions get() {
        return INSTANCE;
    }

    /** The tree as the address picker wants it: [{code, name, children: [...]}]. */
    public JsonNode tree() {
        return tree;
    }

    public Optional<Division> province(String name) {
        return Optional.ofNullable(provinces.get(name));
    }

    private static Map<String, Division> children(JsonNode nodes) {
        Map<String, Division> byName = new LinkedHashMap<>();
        if (nodes != null) {
            for (JsonNode n : nodes) {
                byName.put(n.path("name").asText(), new Division(n.path("code").asText(), n.path("name").asText(),
                        children(n.get("children"))));
            }
        }
        return Map.copyOf(byName);
    }

    private static ChinaDivisions load() {
        try (InputStream in = ChinaDivisions.class.getResourceAsStream("china-divisions.json")) {
            if (in == null) {
                throw new IllegalStateException("china-divisions.json is missing from the form-engine jar");
            }
            return new ChinaDivisions(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
