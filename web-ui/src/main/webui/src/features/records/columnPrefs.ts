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

/** The visible fields in the form's order (not the order they were ticked in). */
export function visibleFields(fields: readonly FieldDefinition[], keys: readonly string[]): FieldDefinition[] {
  const set = new Set(keys);
  return fields.filter((f) => set.has(f.key));
}
