package io.qiaoban.form.form;

import io.qiaoban.form.schema.FormSchema;
import java.util.UUID;

/** One immutable published version of a form: what records are written against. */
public record PublishedForm(UUID formId, UUID workspaceId, UUID appId, String key, int version, FormSchema schema) {
}
