package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number the engine gives each new record from {@code options.pattern}, e.g. "WO-{yyyyMMdd}-{0000}":
 * date tokens ({yyyy}, {yyyyMM}, {yyyyMMdd}, {yyMMdd}) are the creation day in the workspace's zone,
 * and the one counter token ({0000}: four digits, zero-padded) counts per form, field and date
 * period, so numbers restart each day when the pattern has a day in it. Gap-free: see SerialNumbers.
 */
public final class SerialType implements FieldType {
    private static final Pattern TOKEN = Pattern.compile("\\{([^}]*)}");
    private static final Pattern COUNTER = Pattern.compile("0{1,12}");
    private static final List<String> DATES = List.of("yyyy", "yyyyMM", "yyyyMMdd", "yyMMdd", "yyyy-MM-dd");
    private static final Pattern LITERAL = Pattern.compile("[\\p{L}\\p{N}\\-_/#.]*");

    @Override
    public String key() {
        return "serial";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.TEXT;
    }

    @Override
    public boolean computed() {
        return true;
    }

    @Override
    public List<DefinitionProblem> checkDefinition(FieldDefinition field) {
        JsonNode pattern = field.option("pattern");
        if (!pattern.isTextual() || pattern.asText().length() > 60) {
            return List.of(DefinitionProblem.of(".options.pattern", "form.def.serialPattern"));
        }
        int counters = 0;
        Matcher m = TOKEN.matcher(pattern.asText());
        int last = 0;
        while (m.find()) {
            if (!LITERAL.matcher(pattern.asText().substring(last, m.start())).matches()) {
                return List.of(DefinitionProblem.of(".options.pattern", "form.def.serialPattern"));
            }
            String token = m.group(1);
            if (COUNTER.matcher(token).matches()) {
                counters++;
            } else if (!DATES.contains(token)) {
                return List.of(DefinitionProblem.of(".options.pattern", "form.def.serialPattern"));
            }
            last = m.end();
        }
        if (counters != 1 || !LITERAL.matcher(pattern.asText().substring(last)).matches()) {
            return List.of(DefinitionProblem.of(".options.pattern", "form.def.serialPattern"));
        }
        return List.of();
    }

    /** The counter's period for a day: the pattern's date tokens joined ("20261124"), or "" when it has none. */
    public static String period(FieldDefinition field, LocalDate day) {
        StringBuilder period = new StringBuilder();
        Matcher m = TOKEN.matcher(field.option("pattern").asText());
        while (m.find()) {
            if (DATES.contains(m.group(1))) {
                period.append(period.isEmpty() ? "" : "|").append(DateTimeFormatter.ofPattern(m.group(1)).format(day));
            }
        }
        return period.toString();
    }

    /** The number for a day and a counter value. */
    public static String format(FieldDefinition field, LocalDate day, long counter) {
        Matcher m = TOKEN.matcher(field.option("pattern").asText());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group(1);
            String replacement = COUNTER.matcher(token).matches()
                    ? String.format("%0" + token.length() + "d", counter)
                    : DateTimeFormatter.ofPattern(token).format(day);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        if (!value.isTextual()) {
            throw new InvalidValue("form.value.text");
        }
        return value;
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("string").put("readOnly", true);
    }
}
