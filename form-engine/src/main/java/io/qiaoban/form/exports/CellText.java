package io.qiaoban.form.exports;

/**
 * Text bound for a spreadsheet cell. A cell that starts with = + - @ (or a tab or carriage return
 * before one) is run as a formula by Excel and WPS when the file is opened: "=HYPERLINK(...)" typed
 * into a record would become a live link or worse (CSV injection). Such text gets a leading
 * apostrophe, which spreadsheets show as plain text, as OWASP recommends.
 */
public final class CellText {
    private CellText() {
    }

    public static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            if (isNumber(text)) {
                return text; // -12.5 is a number, not a formula
            }
            return "'" + text;
        }
        return text;
    }

    private static boolean isNumber(String text) {
        return text.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }
}
