package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.ChinaDivisions;
import io.qiaoban.form.schema.ChinaDivisions.Division;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.util.Iterator;
import java.util.Set;

/**
 * A postal address in mainland China: {@code {province, city, district, detail, code}}. Province,
 * city and district must name a real path in {@link ChinaDivisions} (city and district may be left
 * out, not skipped); {@code code} is set from the deepest division given. Detail is free text of at
 * most 200 characters.
 */
public final class AddressType implements FieldType {
    private static final Set<String> KEYS = Set.of("province", "city", "district", "detail", "code");

    @Override
    public String key() {
        return "address";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.STRUCTURED;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        if (!value.isObject()) {
            throw new InvalidValue("form.value.address");
        }
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new InvalidValue("form.value.unknownPart").at("." + name.substring(0, Math.min(name.length(), 40)));
            }
        }
        String provinceName = part(value, "province");
        String cityName = part(value, "city");
        String districtName = part(value, "district");
        ObjectNode stored = Values.JSON.objectNode();
        String code = null;
        if (provinceName != null) {
            Division province = ChinaDivisions.get().province(provinceName)
                    .orElseThrow(() -> new InvalidValue("form.value.division", provinceName).at(".province"));
            stored.put("province", province.name());
            code = province.code();
            if (cityName != null) {
                Division city = province.children().get(cityName);
                if (city == null) {
                    throw new InvalidValue("form.value.division", cityName).at(".city");
                }
                stored.put("city", city.name());
                code = city.code();
                if (districtName != null) {
                    Division district = city.children().get(districtName);
                    if (district == null) {
                        throw new InvalidValue("form.value.division", districtName).at(".district");
                    }
                    stored.put("district", district.name());
                    code = district.code();
                }
            } else if (districtName != null) {
                throw new InvalidValue("form.value.division", districtName).at(".city");
            }
        } else if (cityName != null || districtName != null) {
            throw new InvalidValue("form.value.required").at(".province");
        }
        String detail = part(value, "detail");
        if (detail != null) {
            try {
                Values.checkLength(detail, field, 200);
            } catch (InvalidValue e) {
                throw e.at(".detail");
            }
            stored.put("detail", detail);
        }
        if (code != null) {
            stored.put("code", code);
        }
        if (stored.isEmpty()) {
            throw new InvalidValue("form.value.address");
        }
        return stored;
    }

    private static String part(JsonNode value, String name) throws InvalidValue {
        JsonNode n = value.get(name);
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isBlank())) {
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidValue("form.value.text").at("." + name);
        }
        return n.asText().strip();
    }

    @Override
    public String toText(FieldDefinition field, JsonNode stored) {
        StringBuilder out = new StringBuilder();
        for (String part : new String[] {"province", "city", "district"}) {
            String name = stored.path(part).asText("");
            if (!name.equals("市辖区") && !name.equals("县")) {
                out.append(name);
            }
        }
        String detail = stored.path("detail").asText("");
        return out + (detail.isEmpty() || out.isEmpty() ? detail : " " + detail);
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        ObjectNode s = Values.schema("object").put("additionalProperties", false).put("minProperties", 1);
        ObjectNode props = s.putObject("properties");
        for (String name : new String[] {"province", "city", "district"}) {
            props.set(name, Values.schema("string").put("minLength", 1));
        }
        props.set("detail", Values.schema("string").put("maxLength", 200));
        props.set("code", Values.schema("string").put("pattern", "^[0-9]{2,6}$"));
        s.putObject("dependentRequired").set("city", Values.array().add("province"));
        ((ObjectNode) s.get("dependentRequired")).set("district", Values.array().add("city"));
        return s;
    }
}
