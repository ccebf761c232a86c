/** A node's one-line summary on the canvas ("或签 · 角色 经理", "等待 7 天", "发送消息"). */
import { fromIsoDuration } from './duration';
import { partsOf, WEEKDAYS } from './schedule';
import type { FlowNodeData } from './graph';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** i18n key part of a dotted key: `record.created` -> `record_created` (i18next splits keys at dots). */
export const keyPart = (key: string) => key.replace(/\./g, '_');

export function durationText(iso: unknown, t: Translate): string {
  const a = fromIsoDuration(iso);
  return a ? `${a.amount} ${t(`flows.units.${a.unit}`)}` : typeof iso === 'string' ? iso : '';
}

function list(v: unknown): string {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('、') : '';
}

export function nodeSummary(data: FlowNodeData, t: Translate): string {
  const c = data.config ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (data.type) {
    case 'trigger':
      if (c.on === 'schedule' && typeof c.cron === 'string' && c.cron.trim()) return scheduleText(c.cron, t);
      return typeof c.on === 'string' ? t(`flows.trigger.ons.${keyPart(c.on)}`, { defaultValue: c.on }) : '';
    case 'approval': {
      const mode = typeof c.mode === 'string' ? c.mode : 'any';
      const a = (c.assignees ?? {}) as Record<string, unknown>;
      const who = a.by === 'user' ? t('flows.approval.userCount', { count: Array.isArray(a.users) ? a.users.length : 0 }) : a.by === 'role' ? list(a.roles) : a.by === 'field' ? text(a.field) : '';
      return [t(`flows.approval.modesShort.${mode}`, { defaultValue: mode }), who].filter(Boolean).join(' · ');
    }
    case 'action':
      return typeof c.action === 'string' && c.action ? t(`flows.action.actions.${keyPart(c.action)}`, { defaultValue: c.action }) : '';
    case 'wait':
      if (c.duration !== undefined) return durationText(c.duration, t);
      if (c.untilField !== undefined) return `→ ${text(c.untilField)}`;
      if (c.event !== undefined) return `${text(c.event)}${c.timeout !== undefined ? ` ≤ ${durationText(c.timeout, t)}` : ''}`;
      return '';
    case 'ab':
      return Array.isArray(c.variants)
        ? (c.variants as { key?: unknown; percent?: unknown }[]).map((v) => `${String(v?.key ?? '')} ${String(v?.percent ?? '')}%`).join(' / ')
        : '';
    default:
      return '';
  }
}

/** "每周一、五 09:00", "每月 1 日 10:00", or the cron itself when the picker cannot say it. */
function scheduleText(cron: string, t: Translate): string {
  const p = partsOf(cron);
  const at = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  switch (p.frequency) {
    case 'daily':
      return t('flows.schedule.summary.daily', { at });
    case 'weekly':
      return t('flows.schedule.summary.weekly', {
        days: WEEKDAYS.filter((d) => p.weekdays.includes(d)).map((d) => t(`flows.schedule.weekday.${d}`)).join(t('flows.schedule.summary.and')),
        at,
      });
    case 'monthly':
      return t('flows.schedule.summary.monthly', { day: p.day, at });
    default:
      return p.cron;
  }
}
