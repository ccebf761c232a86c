/**
 * What the records page needs to know about each field type: how its value is stored (which decides
 * the filter operators and whether it sorts), whether the engine computes it, and its choices.
 * Mirrors the form engine's `FieldType.storage` and `FilterCompiler.OPS`.
 */
import type { FieldDefinition } from './types';

export type Storage = 'TEXT' | 'NUMBER' | 'BOOLEAN' | 'DATE' | 'DATETIME' | 'LIST' | 'STRUCTURED';

/** The filter language's operators. */
export type ServerOp =
  | 'eq'
  | 'ne'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'not_in'
  | 'contains'
  | 'starts_with'
  | 'is_empty'
  | 'between'
  | 'within_days'
  | 'before'
  | 'after';

/** `not_empty` is sent as `{op: "is_empty", value: false}`: users look for it under its own name. */
export type FilterOp = ServerOp | 'not_empty';

const SERVER_OPS: Record<Storage, readonly ServerOp[]> = {
  TEXT: ['eq', 'ne', 'contains', 'starts_with', 'in', 'not_in', 'is_empty', 'gt', 'gte', 'lt', 'lte'],
  NUMBER: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is_empty'],
  BOOLEAN: ['eq', 'ne', 'is_empty'],
  DATE: ['eq', 'ne', 'before', 'after', 'between', 'within_days', 'gt', 'gte', 'lt', 'lte', 'is_empty'],
  DATETIME: ['eq', 'ne', 'before', 'after', 'between', 'within_days', 'gt', 'gte', 'lt', 'lte', 'is_empty'],
  LIST: ['contains', 'eq', 'ne', 'in', 'not_in', 'is_empty'],
  STRUCTURED: ['is_empty'],
};

export const COMPUTED_TYPES: ReadonlySet<string> = new Set(['formula', 'lookup', 'rollup', 'serial']);

/** Record properties the list can filter and sort by, next to the fields. */
export const RECORD_PROPERTIES = ['createdAt', 'updatedAt'] as const;
export type RecordProperty = (typeof RECORD_PROPERTIES)[number];

/** The record properties as pseudo fields (labels from the caller, who has the translations). */
export function propertyFields(label: (key: RecordProperty) => string): FieldDefinition[] {
  return RECORD_PROPERTIES.map((key) => ({ key, label: label(key), type: 'datetime' }));
}

export function isComputed(field: FieldDefinition): boolean {
  return COMPUTED_TYPES.has(field.type);
}

/** member / department / relation holding a list of ids. */
export function isMultiple(field: FieldDefinition): boolean {
  return field.options?.multiple === true;
}

export function storageOf(field: FieldDefinition): Storage {
  switch (field.type) {
    case 'number':
    case 'money':
    case 'percent':
    case 'rating':
    case 'rollup':
      return 'NUMBER';
    case 'boolean':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'datetime':
      return 'DATETIME';
    case 'multiselect':
    case 'tags':
      return 'LIST';
    case 'member':
    case 'department':
    case 'relation':
      return isMultiple(field) ? 'LIST' : 'TEXT';
    case 'address':
    case 'subform':
    case 'signature':
    case 'lookup':
    // lists of {id, name, size, type}: the server filters them by is_empty only
    case 'attachment':
    case 'image':
      return 'STRUCTURED';
    case 'formula':
      switch (field.options?.resultType) {
        case 'text':
          return 'TEXT';
        case 'boolean':
          return 'BOOLEAN';
        case 'date':
          return 'DATE';
        default:
          return 'NUMBER';
      }
    default:
      return 'TEXT';
  }
}

/** The server sorts by scalar values only (not lists, not objects). */
export function isSortable(field: FieldDefinition): boolean {
  const storage = storageOf(field);
  return storage !== 'LIST' && storage !== 'STRUCTURED';
}

/** A single department is an id: comparing it as text (contains, greater than) means nothing. */
const DEPARTMENT_OPS: readonly ServerOp[] = ['eq', 'ne', 'in', 'not_in', 'is_empty'];

/** The operators a filter condition on this field may use, most useful first. */
export function operatorsFor(field: FieldDefinition): FilterOp[] {
  const ops: FilterOp[] = [];
  const storage = storageOf(field);
  for (const op of field.type === 'department' && storage === 'TEXT' ? DEPARTMENT_OPS : SERVER_OPS[storage]) {
    ops.push(op);
    if (op === 'is_empty') ops.push('not_empty');
  }
  return ops;
}

/** The shape of the value a number field is edited and summed as (formula and rollup results included). */
export function numberKind(field: FieldDefinition): 'money' | 'percent' | 'number' {
  if (field.type === 'money' || (field.type === 'formula' && field.options?.resultType === 'money')) return 'money';
  if (field.type === 'percent') return 'percent';
  return 'number';
}

export function choicesOf(field: FieldDefinition): { value: string; label: string; color?: string }[] {
  return (field.options?.choices ?? []).map((c) => ({ value: c.value, label: c.label || c.value, color: c.color }));
}

export function choiceLabel(field: FieldDefinition, value: string): string {
  const choice = field.options?.choices?.find((c) => c.value === value);
  return choice?.label || value;
}

/** The columns of a sub-form. */
export function subformColumns(field: FieldDefinition): FieldDefinition[] {
  return (field.options?.fields ?? []).filter((c): c is FieldDefinition => !!c && typeof c.key === 'string');
}
