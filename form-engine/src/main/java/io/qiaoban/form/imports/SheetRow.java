package io.qiaoban.form.imports;

import java.util.List;

/** One row of an uploaded sheet: its number as the user sees it (the header is row 1) and its cells. */
public record SheetRow(int number, List<String> cells) {
    public String cell(int index) {
        return index < cells.size() ? cells.get(index) : null;
    }
}
