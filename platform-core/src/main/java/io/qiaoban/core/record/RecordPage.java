package io.qiaoban.core.record;

import java.util.List;

/** One page of {@link RecordAccess#page}: its records and where the next page starts (null after the last). */
public record RecordPage(List<RecordData> records, String nextCursor) {
}
