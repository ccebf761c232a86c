/**
 * The import wizard's column mapping as pure functions: which fields can take a column, the guess
 * from the file's header, one field per column (and one column per field), the required fields still
 * without a column, and the server's refusals placed on the columns they are about.
 */
import { ApiError, fieldPath } from '../../../api/problem';
import { isComputed } from '../fieldTypes';
import type { FieldDefinition } from '../types';
import type { ImportColumn, ImportMappingEntry } from './types';

/** Types whose values are uploads or drawings, which a cell of a sheet cannot carry (the server refuses them too). */
const NOT_FROM_A_SHEET = new Set(['attachment', 'image', 'signature']);

/** The engine computes formula, lookup, rollup and serial fields, and files are uploaded: a file cannot fill them. */
export function importableFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => !isComputed(f) && !NOT_FROM_A_SHEET.has(f.type));
}

/** Header text and field names compared as people write them: case and surrounding blanks do not count. */
export function normalizeName(name: string | null | undefined): string {
  return (name ?? '').trim().toLowerCase();
}

/**
 * The mapping guessed from the header: a column whose name is a field's label, else a field's key
 * (labels first, over all columns: a column "name" does not take the field a column "姓名" names).
 * Each field goes to one column, the leftmost; computed fields are never guessed.
 */
export function matchColumns(columns: readonly ImportColumn[], fields: readonly FieldDefinition[]): ImportMappingEntry[] {
  const candidates = importableFields(fields);
  const taken = new Set<string>();
  const byColumn = new Map<number, string>();
  for (const by of ['label', 'key'] as const) {
    for (const column of columns) {
      const name = normalizeName(column.name);
      if (!name || byColumn.has(column.index)) continue;
      const field = candidates.find((f) => !taken.has(f.key) && normalizeName(f[by]) === name);
      if (!field) continue;
      taken.add(field.key);
      byColumn.set(column.index, field.key);
    }
  }
  return [...byColumn].map(([column, field]) => ({ column, field })).sort((a, b) => a.column - b.column);
}

/**
 * The mapping with `column` now filling `field` (none: the column is not imported). A field another
 * column had moves here: the server refuses a field mapped twice, so the choice made last wins.
 */
export function assignField(mapping: readonly ImportMappingEntry[], column: number, field: string | null | undefined): ImportMappingEntry[] {
  const rest = mapping.filter((m) => m.column !== column && (!field || m.field !== field));
  return (field ? [...rest, { column, field }] : rest).sort((a, b) => a.column - b.column);
}

/** Required fields no column fills, as the server judges them: a default value fills a field too. */
export function unmappedRequired(fields: readonly FieldDefinition[], mapping: readonly ImportMappingEntry[]): FieldDefinition[] {
  const mapped = new Set(mapping.map((m) => m.field));
  return fields.filter((f) => f.required && !isComputed(f) && !mapped.has(f.key) && (f.default === undefined || f.default === null));
}

export interface MappingProblems {
  /** messages per file column (by index) */
  byColumn: Record<number, string[]>;
  /** messages about the mapping as a whole (a required field left out, ...) */
  general: string[];
}

/**
 * A refused start's `errors[]`: `mapping[2].field` is about the third entry of the mapping that was
 * sent, i.e. about that entry's column; `mapping` itself is about the whole.
 */
export function mappingProblems(error: unknown, sent: readonly ImportMappingEntry[]): MappingProblems {
  const out: MappingProblems = { byColumn: {}, general: [] };
  if (!(error instanceof ApiError)) return out;
  for (const p of error.fieldErrors) {
    const path = fieldPath(p.field);
    const entry = path[0] === 'mapping' && typeof path[1] === 'number' ? sent[path[1]] : undefined;
    if (entry) (out.byColumn[entry.column] ??= []).push(p.message);
    else out.general.push(p.message);
  }
  return out;
}
