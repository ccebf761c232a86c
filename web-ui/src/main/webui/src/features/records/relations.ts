/** How a related record is named and found: by its form's title field, else its first text field. */
import type { FilterNode } from './filter';
import { shortId } from './format';
import type { FieldDefinition, FormRecord } from './types';

/** as the engine's FormSettings.NAMING_TYPES: the types a title field may have, in the order tried without one */
export const NAMING_TYPES: readonly string[] = ['text', 'serial', 'phone', 'email', 'select', 'url'];

/**
 * The field that names a record of the form: the title field of its settings, else the first text
 * field, else the first text-like one.
 */
export function labelFieldOf(fields: readonly FieldDefinition[], titleField?: string): FieldDefinition | undefined {
  const chosen = titleField ? fields.find((f) => f.key === titleField && NAMING_TYPES.includes(f.type)) : undefined;
  if (chosen) return chosen;
  for (const type of NAMING_TYPES) {
    const f = fields.find((x) => x.type === type);
    if (f) return f;
  }
  return undefined;
}

export function recordLabel(record: Pick<FormRecord, 'id' | 'data'>, labelField: FieldDefinition | undefined): string {
  const v = labelField ? record.data[labelField.key] : undefined;
  return typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : shortId(record.id);
}

/** Records whose name contains the typed text; null (the newest records) for an empty search. */
export function searchFilter(labelField: FieldDefinition | undefined, text: string): FilterNode | null {
  const q = text.trim();
  if (!q || !labelField) return null;
  return { field: labelField.key, op: 'contains', value: q.slice(0, 200) };
}

/** The records with these ids (to name the ones a value points to). */
export function idsFilter(ids: readonly string[]): FilterNode {
  // the server refuses the whole filter over one id that is no UUID
  return { field: 'id', op: 'in', value: [...new Set(ids)].filter((id) => UUID.test(id)) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every id a relation (single or multiple) holds in a list of records. */
export function collectIds(records: readonly Pick<FormRecord, 'data'>[], key: string): string[] {
  const out = new Set<string>();
  for (const r of records) {
    const v = r.data[key];
    for (const id of Array.isArray(v) ? v : v ? [v] : []) if (typeof id === 'string' && id) out.add(id);
  }
  return [...out];
}
