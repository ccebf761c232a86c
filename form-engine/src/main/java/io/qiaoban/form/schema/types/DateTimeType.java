package io.qiaoban.form.schema.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qiaoban.form.schema.FieldDefinition;
import io.qiaoban.form.schema.FieldType;
import io.qiaoban.form.schema.InvalidValue;
import io.qiaoban.form.schema.Storage;
import io.qiaoban.form.schema.ValueContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A moment, stored in UTC with milliseconds at a fixed width ("2026-11-24T06:30:00.000Z") so that
 * text order is time order. A time with an offset is taken as it is; one without (typed in a form or
 * a spreadsheet) is read in the workspace's time zone.
 */
public final class DateTimeType implements FieldType {
    static final String PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$";
    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_SPACED = DateTimeFormatter.ofPattern("uuuu-M-d H:m[:s]");
    private static final DateTimeFormatter LOCAL_SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d H:m[:s]");

    @Override
    public String key() {
        return "datetime";
    }

    @Override
    public Storage storage(FieldDefinition field) {
        return Storage.DATETIME;
    }

    @Override
    public JsonNode normalize(FieldDefinition field, JsonNode value, ValueContext context) throws InvalidValue {
        String text = Values.trimmed(value);
        Instant instant = text.length() > 40 ? null : parse(text, context.zone());
        if (instant == null || instant.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
                || instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
            throw new InvalidValue("form.value.datetime");
        }
        return TextNode.valueOf(format(instant));
    }

    public static String format(Instant instant) {
        return STORED.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant parse(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // a local time, read in the workspace's zone
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {DateTimeFormatter.ISO_LOCAL_DATE_TIME, LOCAL_SPACED, LOCAL_SLASHED}) {
            try {
                return LocalDateTime.parse(text, f).atZone(zone).toInstant();
            } catch (DateTimeParseException next) {
                // try the next spelling
            }
        }
        return null;
    }

    @Override
    public ObjectNode jsonSchema(FieldDefinition field, JsonNodeFactory json) {
        return Values.schema("string").put("pattern", PATTERN);
    }
}
