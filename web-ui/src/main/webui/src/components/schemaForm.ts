/**
 * Value handling of the form generated from a JSON Schema (the subset action configs use): which
 * widget a property gets, how values are set and cleared, key-value rows, and "=formula" values.
 */
import type { JsonSchema } from '../api/types';

/** A string starting with "=" is an expression, evaluated when the rule runs (like a spreadsheet formula). */
export function isFormula(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('=');
}

export type FieldKind =
  | 'string'
  | 'enum'
  | 'number'
  | 'integer'
  | 'boolean'
  /** An object with declared properties: a nested fieldset. */
  | 'object'
  /** An object without declared properties: free keys (key-value editor or JSON). */
  | 'freeObject'
  /** An array of strings: tags. */
  | 'stringArray'
  /** Anything else: raw JSON. */
  | 'json';

export function fieldKind(schema: JsonSchema | undefined): FieldKind {
  if (!schema) return 'json';
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return 'enum';
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'object':
      return schema.properties && Object.keys(schema.properties).length > 0 ? 'object' : 'freeObject';
    case 'array':
      return schema.items?.type === 'string' && !schema.items.enum ? 'stringArray' : 'json';
    default:
      return 'json';
  }
}

/** Kinds whose plain widget cannot hold a formula: they get a switch to a formula input. */
export function canToggleFormula(kind: FieldKind): boolean {
  return kind === 'number' || kind === 'integer' || kind === 'boolean' || kind === 'enum';
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a value counts as "not filled in". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** A copy of `obj` with `key` set to `value`; undefined, null and '' remove the key. */
export function setKey(obj: Record<string, unknown> | undefined, key: string, value: unknown): Record<string, unknown> {
  const next = { ...(obj ?? {}) };
  if (value === undefined || value === null || value === '') delete next[key];
  else next[key] = value;
  return next;
}

/** A new config for an action: the schema's defaults, nested objects included. */
export function defaultsFor(schema: JsonSchema | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    if (prop.default !== undefined) out[key] = prop.default;
    else if (fieldKind(prop) === 'object') {
      const nested = defaultsFor(prop);
      if (Object.keys(nested).length) out[key] = nested;
    }
  }
  return out;
}

/** Paths (relative, dot-separated) of required properties that are blank, nested objects included. */
export function missingRequired(schema: JsonSchema | undefined, value: unknown, prefix = ''): string[] {
  const out: string[] = [];
  const obj = isRecord(value) ? value : {};
  for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
    const path = prefix ? `${prefix}.${key}` : key;
    if ((schema?.required ?? []).includes(key) && isBlank(obj[key])) out.push(path);
    else if (fieldKind(prop) === 'object' && isRecord(obj[key])) out.push(...missingRequired(prop, obj[key], path));
  }
  return out;
}

/** The value a field shows when switching a non-text widget to formula mode and back. */
export function toggleFormula(value: unknown, kind: FieldKind): unknown {
  if (isFormula(value)) {
    // back to the plain widget: keep a literal that fits, else clear
    const literal = value.slice(1).trim();
    if (kind === 'boolean') return literal === 'true' ? true : literal === 'false' ? false : undefined;
    if (kind === 'number' || kind === 'integer') {
      const n = Number(literal);
      return literal !== '' && Number.isFinite(n) && (kind === 'number' || Number.isInteger(n)) ? n : undefined;
    }
    return undefined;
  }
  if (value === undefined || value === null || value === '') return '=';
  return typeof value === 'string' ? `='${value.replace(/'/g, "\\'")}'` : `=${String(value)}`;
}

/** Whether a literal text breaks the schema's `pattern` (formulas are checked when they run). */
export function breaksPattern(schema: JsonSchema, value: unknown): boolean {
  if (!schema.pattern || typeof value !== 'string' || value === '' || isFormula(value)) return false;
  try {
    return !new RegExp(schema.pattern, 'u').test(value);
  } catch {
    return false; // a pattern JavaScript cannot read: the server decides
  }
}

// ---- key-value rows of a free object ------------------------------------------------------------

export interface KvRow {
  id: number;
  key: string;
  value: string;
}

let rowSeq = 0;

export function newRow(key = '', value = ''): KvRow {
  rowSeq += 1;
  return { id: rowSeq, key, value };
}

/** Whether the key-value editor can show the object (all values are texts). */
export function isFlatTextObject(value: unknown): boolean {
  return value === undefined || value === null || (isRecord(value) && Object.values(value).every((v) => typeof v === 'string'));
}

export function rowsFromObject(value: unknown): KvRow[] {
  if (!isRecord(value)) return [];
  return Object.entries(value).map(([k, v]) => newRow(k, typeof v === 'string' ? v : JSON.stringify(v)));
}

/** Rows back to an object: blank keys are skipped, the first of duplicate keys wins. */
export function objectFromRows(rows: readonly KvRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const k = r.key.trim();
    if (k && !(k in out)) out[k] = r.value;
  }
  return out;
}

/** Keys that appear more than once among the rows. */
export function duplicateKeys(rows: readonly KvRow[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of rows) {
    const k = r.key.trim();
    if (!k) continue;
    if (seen.has(k)) dup.add(k);
    seen.add(k);
  }
  return [...dup];
}

export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

// ---- JSON text ------------------------------------------------------------------------------------

export type JsonParse<T> = { ok: true; value: T } | { ok: false; error: string };

/** Parses a JSON object (blank text is an empty object); arrays and scalars are refused. */
export function parseJsonObject(text: string): JsonParse<Record<string, unknown>> {
  if (!text.trim()) return { ok: true, value: {} };
  try {
    const v: unknown = JSON.parse(text);
    if (!isRecord(v)) return { ok: false, error: 'notObject' };
    return { ok: true, value: v };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function parseJson(text: string): JsonParse<unknown> {
  if (!text.trim()) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export function prettyJson(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}
