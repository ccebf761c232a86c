package io.qiaoban.form.imports;

/**
 * How an import treats its rows.
 *
 * @param skipBadRows  import the good rows when some are bad (otherwise one bad row imports nothing)
 * @param recordEvents write a "record.created" event for every imported record, as creating them one
 *                     by one would, so rules and flows run for each; off by default: loading history
 *                     should not send a coupon or a text message per row. The import as a whole always
 *                     writes one "record.imported" event.
 */
public record ImportOptions(boolean skipBadRows, boolean recordEvents) {
    public static final ImportOptions DEFAULT = new ImportOptions(false, false);
}
