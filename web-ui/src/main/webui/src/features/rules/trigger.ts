/** Triggers of a rule: presets, the editor's form of a trigger, and a description in words. */
import type { TFunction } from 'i18next';
import type { RuleTrigger, TriggerType } from '../../api/types';

export const TRIGGER_TYPES: readonly TriggerType[] = ['event', 'fieldChange', 'schedule', 'manual'];

/** Event types the record store emits (any other name is a custom event). */
export const RECORD_EVENTS = ['record.created', 'record.updated', 'record.deleted'] as const;

/** A field change is a `record.updated` event that touched the field. */
export const FIELD_CHANGE_EVENT = 'record.updated';

export const CRON_PRESETS = [
  { key: 'daily9', cron: '0 9 * * *' },
  { key: 'weekdays9', cron: '0 9 * * 1-5' },
  { key: 'monday9', cron: '0 9 * * 1' },
  { key: 'monthly1', cron: '0 9 1 * *' },
  { key: 'hourly', cron: '0 * * * *' },
] as const;

/** The preset a cron expression is, if any (blanks between the fields do not matter). */
export function cronPreset(cron: string): string | undefined {
  const norm = cron.trim().split(/\s+/).join(' ');
  return CRON_PRESETS.find((p) => p.cron === norm)?.key;
}

const CRON_FIELD = /^(\*|\d+)(-\d+)?(\/\d+)?(,(\*|\d+)(-\d+)?(\/\d+)?)*$/;

/** A rough check of a 5-field unix cron (minute hour day-of-month month day-of-week); the server decides. */
export function looksLikeCron(cron: string): boolean {
  const parts = cron.trim().split(/\s+/);
  return parts.length === 5 && parts.every((p) => CRON_FIELD.test(p) || /^[A-Za-z]{3}(-[A-Za-z]{3})?$/.test(p));
}

/** All fields of every trigger type, so switching the type in the editor loses nothing. */
export interface TriggerForm {
  type: TriggerType;
  eventType: string;
  field: string;
  cron: string;
  /** the form whose records the events must concern ('' for any) */
  form: string;
}

export const DEFAULT_TRIGGER_FORM: TriggerForm = { type: 'manual', eventType: 'record.created', field: '', cron: CRON_PRESETS[0].cron, form: '' };

/** Whether a trigger reacts to record events, which a form can narrow. */
export function onRecords(form: TriggerForm): boolean {
  return form.type === 'fieldChange' || (form.type === 'event' && form.eventType.trim().startsWith('record.'));
}

export function triggerToForm(trigger: RuleTrigger | null | undefined): TriggerForm {
  const form = { ...DEFAULT_TRIGGER_FORM };
  if (!trigger) return form;
  form.type = trigger.type;
  if (trigger.type === 'event') form.eventType = trigger.eventType ?? '';
  if (trigger.type === 'fieldChange') form.field = trigger.field ?? '';
  if (trigger.type === 'event' || trigger.type === 'fieldChange') form.form = trigger.form ?? '';
  if (trigger.type === 'schedule') form.cron = trigger.cron ?? '';
  return form;
}

export function formToTrigger(form: TriggerForm): RuleTrigger {
  switch (form.type) {
    case 'event':
      return onRecords(form) && form.form
        ? { type: 'event', eventType: form.eventType.trim(), form: form.form }
        : { type: 'event', eventType: form.eventType.trim() };
    case 'fieldChange':
      return form.form
        ? { type: 'fieldChange', eventType: FIELD_CHANGE_EVENT, field: form.field.trim(), form: form.form }
        : { type: 'fieldChange', eventType: FIELD_CHANGE_EVENT, field: form.field.trim() };
    case 'schedule':
      return { type: 'schedule', cron: form.cron.trim().split(/\s+/).join(' ') };
    default:
      return { type: 'manual' };
  }
}

/** The event type a dry run of the trigger simulates, if any. */
export function triggerEventType(trigger: RuleTrigger): string | undefined {
  return trigger.type === 'event' || trigger.type === 'fieldChange' ? trigger.eventType || undefined : undefined;
}

/** An i18n key with its parameters; `weekday` is itself a key to translate first. */
export interface Description {
  key: string;
  params?: Record<string, string | number>;
  weekday?: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : null);

/** A cron expression in words, for the common shapes; anything else is shown as it is. */
export function describeCron(cron: string): Description {
  const raw = cron.trim().split(/\s+/).join(' ');
  const parts = raw.split(' ');
  if (parts.length !== 5) return { key: 'rules.cron.custom', params: { cron: raw } };
  const [m, h, dom, mon, dow] = parts;
  const minute = num(m);
  const hour = num(h);
  const time = minute !== null && hour !== null && minute < 60 && hour < 24 ? `${pad2(hour)}:${pad2(minute)}` : null;
  const everyMonth = mon === '*';
  if (time && everyMonth) {
    if (dom === '*' && dow === '*') return { key: 'rules.cron.daily', params: { time } };
    if (dom === '*' && (dow === '1-5' || dow === 'MON-FRI')) return { key: 'rules.cron.weekdays', params: { time } };
    const d = num(dow);
    if (dom === '*' && d !== null && d <= 7) return { key: 'rules.cron.weekly', params: { time }, weekday: d % 7 };
    const day = num(dom);
    if (day !== null && day >= 1 && day <= 31 && dow === '*') return { key: 'rules.cron.monthly', params: { time, day } };
  }
  if (minute !== null && minute < 60 && h === '*' && dom === '*' && everyMonth && dow === '*') {
    return { key: 'rules.cron.hourly', params: { minute: pad2(minute) } };
  }
  const everyMin = /^\*\/(\d+)$/.exec(m);
  if (everyMin && h === '*' && dom === '*' && everyMonth && dow === '*') return { key: 'rules.cron.everyMinutes', params: { n: Number(everyMin[1]) } };
  const everyHour = /^\*\/(\d+)$/.exec(h);
  if (minute !== null && everyHour && dom === '*' && everyMonth && dow === '*') {
    return { key: 'rules.cron.everyHours', params: { n: Number(everyHour[1]), minute: pad2(minute) } };
  }
  return { key: 'rules.cron.custom', params: { cron: raw } };
}

export function describeTriggerParts(trigger: RuleTrigger | null | undefined): Description {
  if (!trigger) return { key: 'rules.triggerDesc.manual' };
  switch (trigger.type) {
    case 'event':
      if (trigger.eventType === 'record.created') return { key: 'rules.triggerDesc.recordCreated' };
      if (trigger.eventType === 'record.updated') return { key: 'rules.triggerDesc.recordUpdated' };
      if (trigger.eventType === 'record.deleted') return { key: 'rules.triggerDesc.recordDeleted' };
      return { key: 'rules.triggerDesc.event', params: { eventType: trigger.eventType } };
    case 'fieldChange':
      return { key: 'rules.triggerDesc.fieldChange', params: { field: trigger.field } };
    case 'schedule':
      return describeCron(trigger.cron ?? '');
    case 'manual':
      return { key: 'rules.triggerDesc.manual' };
    default:
      return { key: 'rules.triggerDesc.unknown', params: { type: String((trigger as { type?: unknown }).type) } };
  }
}

export function translateDescription(d: Description, t: TFunction): string {
  const params: Record<string, string | number> = { ...d.params };
  if (d.weekday !== undefined) params.weekday = t(`rules.weekdays.${d.weekday}`);
  return t(d.key, params);
}

/** "记录更新：totalSpend 变化时", "每天 09:00", "每周一 09:00", "手动触发" … */
export function describeTrigger(trigger: RuleTrigger | null | undefined, t: TFunction): string {
  return translateDescription(describeTriggerParts(trigger), t);
}
