/**
 * A month calendar: which records a month asks for (the date field between the month's first and
 * last moment, as the field stores it) and on which day each record sits.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { RecordListQuery } from '../api';
import type { FieldDefinition, FormRecord } from '../types';
import { andWith } from './gridState';
import type { CalendarViewConfig } from './types';

/** Records per month: more are not read (a note says so). */
export const CALENDAR_LIMIT = 500;

const DAY = 'YYYY-MM-DD';

export function dateFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((f) => f.type === 'date' || f.type === 'datetime');
}

/**
 * The month as the filter's `between`: days for a date field; for a datetime field the instants of
 * the browser's midnight (the zone its picker enters and the grid shows them in).
 */
export function monthRange(field: FieldDefinition, month: Dayjs): [string, string] {
  const start = month.startOf('month');
  const end = month.endOf('month');
  if (field.type === 'datetime') return [start.toISOString(), end.toISOString()];
  return [start.format(DAY), end.format(DAY)];
}

/** The month's records, in date order, narrowed by the view's filter. */
export function calendarQuery(config: CalendarViewConfig, dateField: FieldDefinition, month: Dayjs): RecordListQuery {
  return {
    filter: andWith(config.filter, { field: dateField.key, op: 'between', value: monthRange(dateField, month) }),
    sort: dateField.key,
    limit: CALENDAR_LIMIT,
  };
}

/** The day a value falls on (`YYYY-MM-DD`); a datetime in the browser's zone. */
export function dayOf(field: FieldDefinition, value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  if (field.type === 'date') return /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
  const d = dayjs(value);
  return d.isValid() ? d.format(DAY) : null;
}

export function recordsByDay(records: readonly FormRecord[], field: FieldDefinition): Map<string, FormRecord[]> {
  const out = new Map<string, FormRecord[]>();
  for (const r of records) {
    const day = dayOf(field, r.data[field.key]);
    if (!day) continue;
    const list = out.get(day);
    if (list) list.push(r);
    else out.set(day, [r]);
  }
  return out;
}

export const dayKey = (d: Dayjs) => d.format(DAY);
