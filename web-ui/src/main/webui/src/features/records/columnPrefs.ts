/** Which fields the grid shows, remembered per form in this browser. */
import type { FieldDefinition } from './types';

export const DEFAULT_VISIBLE_COLUMNS = 8;

export const columnsStorageKey = (formId: string) => `qiaoban.records.columns.${formId}`;

function storage(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined;
  } catch {
    return undefined; // storage disabled (privacy mode)
  }
}

export function defaultColumns(fields: readonly FieldDefinition[]): string[] {
  return fields.slice(0, DEFAULT_VISIBLE_COLUMNS).map((f) => f.key);
}

/** The saved choice, minus fields that no longer exist; the first fields when nothing (usable) was saved. */
export function loadColumns(formId: string, fields: readonly FieldDefinition[], store: Storage | undefined = storage()): string[] {
  try {
    const raw = store?.getItem(columnsStorageKey(formId));
    const saved: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(saved)) {
      const keys = new Set(fields.map((f) => f.key));
      const kept = saved.filter((k): k is string => typeof k === 'string' && keys.has(k));
      if (kept.length > 0) return kept;
    }
  } catch {
    // unreadable: fall back to the default
  }
  return defaultColumns(fields);
}

export function saveColumns(formId: string, keys: readonly string[], store: Storage | undefined = storage()): void {
  try {
    store?.setItem(columnsStorageKey(formId), JSON.stringify(keys));
  } catch {
    // quota / privacy mode: the choice just is not remembered
  }
}

/** The visible fields in the order of the keys (a saved view's, or the one dragged in the chooser). */
export function visibleFields(fields: readonly FieldDefinition[], keys: readonly string[]): FieldDefinition[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return keys.map((k) => byKey.get(k)).filter((f): f is FieldDefinition => !!f);
}

/**
 * A field ticked in the chooser: placed after the visible field that comes before it in the form,
 * not at the end, so ticking never shuffles a grid in the form's order.
 */
export function withColumn(keys: readonly string[], key: string, fields: readonly FieldDefinition[]): string[] {
  if (keys.includes(key)) return [...keys];
  const order = fields.map((f) => f.key);
  const at = order.indexOf(key);
  let after = -1;
  keys.forEach((k, i) => {
    const pos = order.indexOf(k);
    if (pos >= 0 && pos < at && (after < 0 || pos > order.indexOf(keys[after]))) after = i;
  });
  return [...keys.slice(0, after + 1), key, ...keys.slice(after + 1)];
}

/** A visible column dragged from one place to another. */
export function moveColumn(keys: readonly string[], from: string, to: string): string[] {
  const i = keys.indexOf(from);
  const j = keys.indexOf(to);
  if (i < 0 || j < 0 || i === j) return [...keys];
  const out = [...keys];
  out.splice(i, 1);
  out.splice(j, 0, from);
  return out;
}
