/**
 * A grid's state (filter, sort, columns and their widths) and the config a grid view saves it as.
 * Both directions are pure, so "has the user changed the view?" is a comparison of two configs.
 */
import { DEFAULT_SORT } from '../api';
import { RECORD_PROPERTIES } from '../fieldTypes';
import type { FilterNode } from '../filter';
import type { FieldDefinition } from '../types';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type GridViewConfig } from './types';

export interface GridState {
  filter: FilterNode | null;
  sort: string;
  /** the visible fields, in the order shown */
  columns: string[];
  /** pixels per field key; a field without one is as wide as its content */
  widths: Record<string, number>;
}

export function clampWidth(width: number): number {
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(width)));
}

/** The sort, unless its field is gone from the form since the view was saved (the list would refuse it). */
function usableSort(sort: string | undefined, fields: readonly FieldDefinition[]): string {
  if (!sort) return DEFAULT_SORT;
  const key = sort.replace(/^[-+]/, '');
  const known = (RECORD_PROPERTIES as readonly string[]).includes(key) || fields.some((f) => f.key === key);
  return known ? sort : DEFAULT_SORT;
}

/**
 * A saved grid as the grid's state. Columns of fields that are gone are left out; a view without
 * (usable) columns shows `fallbackColumns`.
 */
export function gridStateOf(config: GridViewConfig | undefined, fields: readonly FieldDefinition[], fallbackColumns: () => string[]): GridState {
  const known = new Set(fields.map((f) => f.key));
  const columns: string[] = [];
  const widths: Record<string, number> = {};
  for (const c of config?.columns ?? []) {
    if (!c || !known.has(c.field) || columns.includes(c.field)) continue;
    columns.push(c.field);
    if (typeof c.width === 'number' && Number.isFinite(c.width)) widths[c.field] = clampWidth(c.width);
  }
  return {
    filter: config?.filter ?? null,
    sort: usableSort(config?.sort, fields),
    columns: columns.length > 0 ? columns : fallbackColumns(),
    widths,
  };
}

/** The state as a grid view's config: only what differs from the defaults (no default sort, no empty filter). */
export function gridConfigOf(state: GridState): GridViewConfig {
  return {
    columns: state.columns.map((field) => (state.widths[field] !== undefined ? { field, width: clampWidth(state.widths[field]) } : { field })),
    ...(state.filter ? { filter: state.filter } : {}),
    ...(state.sort && state.sort !== DEFAULT_SORT ? { sort: state.sort } : {}),
  };
}

/** JSON with sorted keys: the same config is the same text whichever order its keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sameConfig(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** The view's filter narrowed by one more condition (a board column's choice, a calendar's month). */
export function andWith(filter: FilterNode | null | undefined, clause: FilterNode): FilterNode {
  return filter ? { and: [filter, clause] } : { and: [clause] };
}
