/**
 * A failed save as the record form shows it: each server problem under its field (`mobile`,
 * `lines[0].sku` and `addr.province` all belong to a top-level field), the rest on top, and a 412
 * as "someone else changed it".
 */
import { ApiError, fieldPath, type FieldProblem } from '../../api/problem';
import { subformColumns } from './fieldTypes';
import { fileValues, isFileField } from './files';
import type { FieldDefinition } from './types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface RecordProblems {
  /** messages per top-level field key */
  fields: Record<string, string[]>;
  /** problems of no known field (and the detail when nothing landed on a field) */
  unplaced: FieldProblem[];
  /** the problem's detail for the top of the form; null when the fields say it all */
  message: string | null;
  /** 412: the record changed since it was read */
  conflict: boolean;
}

/**
 * `lines[1].sku` of a sub-form: "第 2 行 SKU：<message>", so the row is findable; `photos[0]` of a
 * file field names the file (from the values sent, when the caller has them).
 */
function describe(problem: FieldProblem, field: FieldDefinition | undefined, t: Translate, values?: Record<string, unknown>): string {
  const path = fieldPath(problem.field);
  if (field && isFileField(field) && typeof path[1] === 'number') {
    const name = fileValues(values?.[field.key])[path[1]]?.name;
    return name ? t('records.form.fileProblem', { name, message: problem.message }) : t('records.form.fileProblemAt', { n: path[1] + 1, message: problem.message });
  }
  if (field?.type === 'subform' && typeof path[1] === 'number') {
    const column = typeof path[2] === 'string' ? subformColumns(field).find((c) => c.key === path[2]) : undefined;
    return t('records.form.rowProblem', { row: path[1] + 1, column: column?.label ?? (typeof path[2] === 'string' ? path[2] : ''), message: problem.message });
  }
  return problem.message;
}

/** `values`: the form's values that were sent (names the files of file-field problems). */
export function recordProblems(error: unknown, fields: readonly FieldDefinition[], t: Translate, values?: Record<string, unknown>): RecordProblems {
  if (error instanceof ApiError && error.status === 412) return { fields: {}, unplaced: [], message: null, conflict: true };
  const keys = fields.map((f) => f.key);
  const out: Record<string, string[]> = {};
  const unplaced: FieldProblem[] = [];
  for (const p of error instanceof ApiError ? error.fieldErrors : []) {
    const top = String(fieldPath(p.field)[0] ?? '');
    const key = keys.includes(p.field) ? p.field : keys.includes(top) ? top : undefined;
    if (key === undefined) unplaced.push(p);
    else (out[key] ??= []).push(describe(p, fields.find((f) => f.key === key), t, values));
  }
  const placedAll = Object.keys(out).length > 0 && unplaced.length === 0;
  const message = placedAll ? null : error instanceof ApiError ? error.message : t('errors.unexpected');
  return { fields: out, unplaced, message, conflict: false };
}
