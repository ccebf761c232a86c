package io.qiaoban.form.schema;

/**
 * How a field's value sits in the record's JSONB, which decides how filters compare it, how it
 * sorts and which expression index serves it.
 */
public enum Storage {
    /** a JSON string compared as text */
    TEXT,
    /** a JSON number compared as numeric */
    NUMBER,
    BOOLEAN,
    /** "yyyy-MM-dd": text order is date order */
    DATE,
    /** UTC "yyyy-MM-ddTHH:mm:ss.SSSZ", fixed width: text order is time order */
    DATETIME,
    /** a JSON array of strings (multi select, tags, several members or related records) */
    TEXT_LIST,
    /** a JSON object or an array of objects (address, sub-form, signature...) */
    STRUCTURED;

    public boolean scalar() {
        return this != TEXT_LIST && this != STRUCTURED;
    }
}
