/**
 * Record values as text: for cells that need no markup, the drawer, the history ("旧 → 新") and the
 * labels of related records. Pure: names of members, departments and related records come from the caller.
 */
import dayjs from 'dayjs';
import { choiceLabel, numberKind } from './fieldTypes';
import { fileValues } from './files';
import type { AddressValue, FieldDefinition } from './types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What ids stand for, as far as the page knows. */
export interface ValueLabels {
  memberName?: (userId: string) => string | undefined;
  departmentName?: (departmentId: string) => string | undefined;
  relationLabel?: (fieldKey: string, recordId: string) => string | undefined;
}

export interface FormatContext extends ValueLabels {
  t: Translate;
}

export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** Ids are long; the first block is enough to tell two apart at a glance. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

function toNumber(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function formatMoney(value: unknown, decimals = 2): string {
  const n = toNumber(value);
  if (n === null) return String(value ?? '');
  const digits = Math.max(2, Math.min(decimals, 10));
  return `${n < 0 ? '-' : ''}¥${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

export function formatPercent(value: unknown): string {
  const n = toNumber(value);
  return n === null ? String(value ?? '') : `${n}%`;
}

function formatNumberOf(field: FieldDefinition, value: unknown): string {
  switch (numberKind(field)) {
    case 'money':
      return formatMoney(value, field.options?.decimals ?? 2);
    case 'percent':
      return formatPercent(value);
    default:
      return String(value);
  }
}

/** Parts that repeat the city (直辖市's "市辖区", "县") say nothing: left out, as the server's export does. */
export function formatAddress(value: unknown): string {
  if (!value || typeof value !== 'object') return typeof value === 'string' ? value : '';
  const a = value as AddressValue;
  const region = [a.province, a.city, a.district].filter((p): p is string => !!p && p !== '市辖区' && p !== '县').join('');
  const detail = a.detail?.trim() ?? '';
  return region && detail ? `${region} ${detail}` : region || detail;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** Rich text as plain text, without a DOM (and so without running anything from the HTML). */
export function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e])
    .replace(/[ \t\f\v\r]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function ids(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === null || value === undefined ? [] : [String(value)];
}

function generic(value: unknown, separator: string): string {
  if (Array.isArray(value)) return value.map((v) => generic(v, separator)).join(separator);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A datetime field's value in the browser's time zone: the zone its picker edits in, so what is
 * shown is what was entered.
 */
export function formatLocalDateTime(value: string): string {
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
}

/** A field's value as one line of text; '' for an empty value (the caller decides how "empty" looks). */
export function formatValue(field: FieldDefinition, value: unknown, ctx: FormatContext): string {
  if (isEmptyValue(value)) return '';
  const sep = ctx.t('records.value.separator');
  switch (field.type) {
    case 'number':
    case 'money':
    case 'percent':
    case 'rollup':
      return formatNumberOf(field, value);
    case 'rating':
      return `${String(value)}/${field.options?.max ?? 5}`;
    case 'boolean':
      return value === true ? ctx.t('common.yes') : value === false ? ctx.t('common.no') : String(value);
    case 'datetime':
      return formatLocalDateTime(String(value));
    case 'select':
      return choiceLabel(field, String(value));
    case 'multiselect':
    case 'tags':
      return ids(value)
        .map((v) => choiceLabel(field, v))
        .join(sep);
    case 'address':
      return formatAddress(value);
    case 'member':
      return ids(value)
        .map((id) => ctx.memberName?.(id) ?? shortId(id))
        .join(sep);
    case 'department':
      return ids(value)
        .map((id) => ctx.departmentName?.(id) ?? shortId(id))
        .join(sep);
    case 'relation':
      return ids(value)
        .map((id) => ctx.relationLabel?.(field.key, id) ?? shortId(id))
        .join(sep);
    case 'richtext':
      return stripHtml(String(value)).replace(/\n/g, ' ');
    case 'signature':
      return ctx.t('records.value.signature');
    case 'subform':
      return ctx.t('records.value.rows', { count: Array.isArray(value) ? value.length : 0 });
    case 'attachment':
    case 'image':
      // as the server's export writes them
      return fileValues(value)
        .map((f) => f.name)
        .join(', ');
    case 'formula':
      switch (field.options?.resultType) {
        case 'boolean':
          return value === true ? ctx.t('common.yes') : value === false ? ctx.t('common.no') : String(value);
        case 'text':
        case 'date':
          return String(value);
        default:
          return formatNumberOf(field, value);
      }
    default:
      return generic(value, sep);
  }
}

