/**
 * A board: its columns (the choices of a single-select field, then "no value"), what each column
 * asks the records list for, the cards' fields, and cards moved by dragging before the server answered.
 */
import { DEFAULT_SORT, type RecordListQuery } from '../api';
import { choicesOf } from '../fieldTypes';
import { labelFieldOf } from '../relations';
import type { FieldDefinition, FormRecord } from '../types';
import { andWith } from './gridState';
import type { KanbanViewConfig } from './types';

/** Records per column and per "加载更多". */
export const KANBAN_PAGE = 50;

export interface BoardColumn {
  /** the choice; null: the records without a value */
  value: string | null;
  /** for test ids: the choice, or `none` */
  key: string;
  label?: string;
  color?: string;
}

/** The fields a board can group by: single select (a record sits in one column). */
export function groupableFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => f.type === 'select');
}

/** The choices in the field's order, then the column of records without a value. */
export function boardColumns(groupBy: FieldDefinition): BoardColumn[] {
  return [...choicesOf(groupBy).map((c) => ({ value: c.value, key: c.value, label: c.label, color: c.color })), { value: null, key: 'none' }];
}

/**
 * One column's records: the view's filter and sort, and the choice. The last column ("未分组") holds the
 * records with no value and those whose value is no choice any more (an option removed since): every
 * record sits in some column.
 */
export function columnQuery(config: KanbanViewConfig, groupBy: FieldDefinition, value: string | null): RecordListQuery {
  const key = groupBy.key;
  const choices = choicesOf(groupBy).map((c) => c.value);
  const clause = value !== null
    ? { field: key, op: 'eq', value }
    : choices.length === 0
      ? { field: key, op: 'is_empty' }
      : { or: [{ field: key, op: 'is_empty' }, { not: { field: key, op: 'in', value: choices } }] };
  return { filter: andWith(config.filter, clause), sort: config.sort || DEFAULT_SORT, limit: KANBAN_PAGE };
}

/** The card's title field (the first card field, else the field that names the form's records) and the others. */
export function cardLayout(config: KanbanViewConfig, fields: readonly FieldDefinition[], titleField?: string): { title?: FieldDefinition; details: FieldDefinition[] } {
  const chosen = (config.cardFields ?? []).map((k) => fields.find((f) => f.key === k)).filter((f): f is FieldDefinition => !!f);
  if (chosen.length > 0) return { title: chosen[0], details: chosen.slice(1) };
  return { title: labelFieldOf(fields, titleField), details: [] };
}

/** A card dropped on another column while its PATCH is on the way: shown there already. */
export interface CardMove {
  /** the record as moved (its group value set to `to`) */
  record: FormRecord;
  to: string | null;
}

/**
 * A column's cards: the ones moved in first, then the loaded ones that were not moved away (nor
 * moved in and loaded again since: a card is never shown twice).
 */
export function placeCards(value: string | null, loaded: readonly FormRecord[], moves: ReadonlyMap<string, CardMove>): FormRecord[] {
  const incoming = [...moves.values()].filter((m) => m.to === value).map((m) => m.record);
  return [...incoming, ...loaded.filter((r) => !moves.has(r.id))];
}

/** The column's total as the server counted it, with the moves it does not know about yet. */
export function columnCount(value: string | null, total: number, loaded: readonly FormRecord[], moves: ReadonlyMap<string, CardMove>): number {
  const incoming = [...moves.values()].filter((m) => m.to === value).length;
  const counted = loaded.filter((r) => moves.has(r.id)).length;
  return Math.max(0, total - counted + incoming);
}
