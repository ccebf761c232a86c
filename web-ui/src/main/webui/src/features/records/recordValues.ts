/**
 * Between what the server stores and what the form's inputs hold: dates become dayjs objects,
 * numbers strings (exact: InputNumber's stringMode), an address a cascader path plus detail. And
 * back, with the edit's PATCH body holding only what really changed.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { isComputed, subformColumns } from './fieldTypes';
import { fileValues } from './files';
import { isEmptyValue } from './format';
import type { AddressValue, FieldDefinition, RecordData } from './types';

export const DATE_FORMAT = 'YYYY-MM-DD';

/** The address input's value: the cascader's names, and the street part. */
export interface AddressFormValue {
  region?: string[];
  detail?: string;
}

export type FormValues = Record<string, unknown>;

/** `007.50` -> `7.5`; null when the text is no plain decimal. */
export function canonicalDecimal(text: string): string | null {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m || (m[2] === '' && !m[3])) return null;
  const int = m[2].replace(/^0+(?=\d)/, '') || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const sign = m[1] && (int !== '0' || frac) ? '-' : '';
  return `${sign}${int}${frac ? `.${frac}` : ''}`;
}

/** A JSON number when it survives the trip through a double exactly, else the decimal text (the server takes both). */
export function numberOut(value: unknown): number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = String(value).trim();
  if (text === '') return null;
  const canonical = canonicalDecimal(text);
  if (canonical === null) return text; // let the server say what is wrong with it
  const n = Number(canonical);
  return String(n) === canonical ? n : canonical;
}

function asDayjs(value: unknown): Dayjs | undefined {
  if (dayjs.isDayjs(value)) return value;
  if (typeof value === 'string' && value) {
    const d = dayjs(value);
    return d.isValid() ? d : undefined;
  }
  return undefined;
}

export function toFormValue(field: FieldDefinition, stored: unknown): unknown {
  if (stored === null || stored === undefined) return undefined;
  switch (field.type) {
    case 'number':
    case 'money':
    case 'percent':
      return typeof stored === 'number' ? String(stored) : stored;
    case 'date':
    case 'datetime':
      return asDayjs(stored);
    case 'address': {
      if (typeof stored !== 'object') return undefined;
      const a = stored as AddressValue;
      const region = [a.province, a.city, a.district].filter((p): p is string => !!p);
      return { region: region.length ? region : undefined, detail: a.detail } satisfies AddressFormValue;
    }
    case 'subform':
      return Array.isArray(stored) ? stored.map((row) => rowToForm(field, row)) : undefined;
    case 'attachment':
    case 'image':
      return fileValues(stored);
    default:
      return stored;
  }
}

function rowToForm(field: FieldDefinition, row: unknown): FormValues {
  const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const c of subformColumns(field)) out[c.key] = toFormValue(c, r[c.key]);
  return out;
}

/** The form's values for a stored record (computed fields are displayed, not edited). */
export function toFormValues(fields: readonly FieldDefinition[], data: RecordData): FormValues {
  const out: FormValues = {};
  for (const f of fields) if (!isComputed(f)) out[f.key] = toFormValue(f, data[f.key]);
  return out;
}

/** What a member field's default says for "whoever fills the record in" (the server resolves it too). */
export const CURRENT_USER = '$me';

/** A new record starts from the designer's defaults; "$me" is `me`, the user filling it in (none unknown). */
export function initialFormValues(fields: readonly FieldDefinition[], me?: string): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    if (isComputed(f) || f.default === undefined || f.default === null) continue;
    const isMe = f.type === 'member' && (f.default === CURRENT_USER || (Array.isArray(f.default) && f.default[0] === CURRENT_USER));
    if (!isMe) out[f.key] = toFormValue(f, f.default);
    else if (me) out[f.key] = toFormValue(f, f.options?.multiple ? [me] : me);
  }
  return out;
}

const textOrNull = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? null : v) : v === undefined ? null : v);

/** A form value as the server takes it; null for "no value". */
export function fromFormValue(field: FieldDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case 'number':
    case 'money':
    case 'percent':
      return numberOut(value);
    case 'rating':
      return typeof value === 'number' && value > 0 ? value : null;
    case 'date': {
      const d = asDayjs(value);
      return d ? d.format(DATE_FORMAT) : textOrNull(value);
    }
    case 'datetime': {
      // with the offset, so the server reads the moment the user meant whatever its own zone
      const d = asDayjs(value);
      return d ? d.format() : textOrNull(value);
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'address': {
      const a = value as AddressFormValue;
      const [province, city, district] = a.region ?? [];
      const out: AddressValue = {};
      if (province) out.province = province;
      if (city) out.city = city;
      if (district) out.district = district;
      if (a.detail && a.detail.trim()) out.detail = a.detail;
      return Object.keys(out).length ? out : null;
    }
    case 'subform': {
      if (!Array.isArray(value)) return null;
      const rows = value.map((row) => rowFromForm(field, row)).filter((r) => Object.keys(r).length > 0);
      return rows.length ? rows : null;
    }
    case 'attachment':
    case 'image': {
      // the ids are enough: the server fills in name, size and type from the upload
      const files = fileValues(value);
      return files.length ? files.map((f) => ({ id: f.id })) : null;
    }
    default:
      if (Array.isArray(value)) return value.length ? value : null;
      return textOrNull(value);
  }
}

function rowFromForm(field: FieldDefinition, row: unknown): RecordData {
  const r = (row && typeof row === 'object' ? row : {}) as Record<string, unknown>;
  const out: RecordData = {};
  for (const c of subformColumns(field)) {
    const v = fromFormValue(c, r[c.key]);
    if (v !== null) out[c.key] = v;
  }
  return out;
}

/** The body of a create: every filled-in field the user may type. */
export function createData(fields: readonly FieldDefinition[], values: FormValues): RecordData {
  const out: RecordData = {};
  for (const f of fields) {
    if (isComputed(f)) continue;
    const v = fromFormValue(f, values[f.key]);
    if (v !== null) out[f.key] = v;
  }
  return out;
}

/** Whether a stored value and a value about to be sent mean the same (so no PATCH for it). */
export function sameValue(field: FieldDefinition, a: unknown, b: unknown): boolean {
  const ea = isEmptyValue(a);
  const eb = isEmptyValue(b);
  if (ea || eb) return ea && eb;
  switch (field.type) {
    case 'number':
    case 'money':
    case 'percent':
    case 'rating':
      return canonicalDecimal(String(a)) === canonicalDecimal(String(b));
    case 'datetime':
      return Date.parse(String(a)) === Date.parse(String(b));
    case 'address': {
      // the server adds the division code: not something the user changed
      const x = a as AddressValue;
      const y = b as AddressValue;
      return (['province', 'city', 'district', 'detail'] as const).every((k) => (x[k] ?? '') === (y[k] ?? ''));
    }
    case 'subform': {
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      const columns = subformColumns(field);
      return a.every((row, i) => {
        const r1 = (row ?? {}) as Record<string, unknown>;
        const r2 = (b[i] ?? {}) as Record<string, unknown>;
        return columns.every((c) => sameValue(c, r1[c.key], r2[c.key]));
      });
    }
    case 'attachment':
    case 'image':
      // the same files in the same order (what is sent has ids only)
      return fileValues(a).map((f) => f.id).join() === fileValues(b).map((f) => f.id).join();
    default:
      if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
      return JSON.stringify(a) === JSON.stringify(b);
  }
}

/** The body of a PATCH: the fields whose value changed, a cleared one as null. */
export function changedData(fields: readonly FieldDefinition[], stored: RecordData, values: FormValues): RecordData {
  const out: RecordData = {};
  for (const f of fields) {
    if (isComputed(f) || !(f.key in values)) continue;
    const next = fromFormValue(f, values[f.key]);
    if (!sameValue(f, stored[f.key], next)) out[f.key] = next;
  }
  return out;
}
