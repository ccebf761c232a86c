/** A history entry in words: "城市：上海 → 杭州", by whom, which kind of write. */
import { formatValue, isEmptyValue, type FormatContext } from './format';
import type { FieldChange, FieldDefinition, HistoryEntry } from './types';

export const KIND_COLORS: Record<string, string> = { created: 'green', updated: 'blue', computed: 'gray', deleted: 'red', restored: 'cyan' };

export function changedByLabel(entry: Pick<HistoryEntry, 'changedByName'>, ctx: FormatContext): string {
  return entry.changedByName?.trim() || ctx.t('records.history.system');
}

/** Old value and new value as text; a field the form no longer has still shows its raw value. */
export function describeChange(change: FieldChange, field: FieldDefinition | undefined, ctx: FormatContext): { label: string; from: string; to: string } {
  const text = (v: unknown) => {
    if (isEmptyValue(v)) return ctx.t('records.history.emptyValue');
    if (field) return formatValue(field, v, ctx) || ctx.t('records.history.emptyValue');
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  return { label: field?.label ?? change.field, from: text(change.from), to: text(change.to) };
}

/** "字段: 旧 → 新"; a creation lists the values only (there was no old one). */
export function changeLine(change: FieldChange, field: FieldDefinition | undefined, kind: string, ctx: FormatContext): string {
  const d = describeChange(change, field, ctx);
  return kind === 'created' ? `${d.label}: ${d.to}` : `${d.label}: ${d.from} → ${d.to}`;
}
