package io.qiaoban.core.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Formulas inside an action's config, written like a spreadsheet cell: a text starting with "=" is an
 * expression ({@code "record": "=recordId"}), "==" escapes a literal "=". Rules and flows resolve them
 * the same way before running the action; {@code field} names where each formula is
 * ("actions[0].config.values.level", "nodes.thanks.config.body") so an error can point at it.
 */
public final class ConfigFormulas {
    private ConfigFormulas() {
    }

    /** Evaluates one formula found at {@code field}. */
    @FunctionalInterface
    public interface Formula<E extends Exception> {
        JsonNode value(String field, String source) throws E;
    }

    /** Visits one formula found at {@code field}. */
    @FunctionalInterface
    public interface Visitor<E extends Exception> {
        void visit(String field, String source) throws E;
    }

    public static boolean isFormula(String text) {
        return text.startsWith("=") && !text.startsWith("==");
    }

    /** A copy of {@code config} with each formula replaced by its value and each "==" unescaped. */
    public static <E extends Exception> JsonNode resolve(JsonNode config, String field, Formula<E> formula) throws E {
        if (config == null || config.isNull()) {
            return config;
        }
        if (config.isTextual() && config.asText().startsWith("==")) {
            return JsonNodeFactory.instance.textNode(config.asText().substring(1));
        }
        if (config.isTextual() && isFormula(config.asText())) {
            return formula.value(field, config.asText().substring(1));
        }
        if (config.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), resolve(e.getValue(), field + "." + e.getKey(), formula));
            }
            return out;
        }
        if (config.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < config.size(); i++) {
                out.add(resolve(config.get(i), field + "[" + i + "]", formula));
            }
            return out;
        }
        return config;
    }

    /** Calls {@code visitor} for every formula of {@code config}, e.g. to compile them all when it is saved. */
    public static <E extends Exception> void forEach(JsonNode config, String field, Visitor<E> visitor) throws E {
        if (config == null) {
            return;
        }
        if (config.isTextual() && isFormula(config.asText())) {
            visitor.visit(field, config.asText().substring(1));
        } else if (config.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                forEach(e.getValue(), field + "." + e.getKey(), visitor);
            }
        } else if (config.isArray()) {
            for (int i = 0; i < config.size(); i++) {
                forEach(config.get(i), field + "[" + i + "]", visitor);
            }
        }
    }
}
