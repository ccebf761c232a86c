import { describe, expect, it } from 'vitest';
import i18n, { changeLanguage } from '../../i18n';
import {
  cronPreset,
  describeCron,
  describeTrigger,
  describeTriggerParts,
  formToTrigger,
  looksLikeCron,
  onRecords,
  triggerEventType,
  triggerToForm,
} from './trigger';

describe('describeCron', () => {
  it('recognizes the common shapes', () => {
    expect(describeCron('0 9 * * *')).toEqual({ key: 'rules.cron.daily', params: { time: '09:00' } });
    expect(describeCron(' 30  18 * * 1-5 ')).toEqual({ key: 'rules.cron.weekdays', params: { time: '18:30' } });
    expect(describeCron('0 9 * * 1')).toEqual({ key: 'rules.cron.weekly', params: { time: '09:00' }, weekday: 1 });
    expect(describeCron('0 9 * * 7').weekday).toBe(0);
    expect(describeCron('0 9 1 * *')).toEqual({ key: 'rules.cron.monthly', params: { time: '09:00', day: 1 } });
    expect(describeCron('5 * * * *')).toEqual({ key: 'rules.cron.hourly', params: { minute: '05' } });
    expect(describeCron('*/15 * * * *')).toEqual({ key: 'rules.cron.everyMinutes', params: { n: 15 } });
    expect(describeCron('0 */2 * * *')).toEqual({ key: 'rules.cron.everyHours', params: { n: 2, minute: '00' } });
  });

  it('shows anything else as it is', () => {
    expect(describeCron('0 9 1 1 *')).toEqual({ key: 'rules.cron.custom', params: { cron: '0 9 1 1 *' } });
    expect(describeCron('nonsense')).toEqual({ key: 'rules.cron.custom', params: { cron: 'nonsense' } });
  });
});

describe('describeTrigger', () => {
  it('describes every trigger type in Chinese', async () => {
    await changeLanguage('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(describeTrigger({ type: 'fieldChange', eventType: 'record.updated', field: 'totalSpend' }, t)).toBe('记录更新：totalSpend 变化时');
    expect(describeTrigger({ type: 'schedule', cron: '0 9 * * *' }, t)).toBe('每天 09:00');
    expect(describeTrigger({ type: 'schedule', cron: '0 9 * * 1' }, t)).toBe('每周一 09:00');
    expect(describeTrigger({ type: 'event', eventType: 'record.created' }, t)).toBe('记录创建时');
    expect(describeTrigger({ type: 'event', eventType: 'customer.order' }, t)).toBe('事件 customer.order 发生时');
    expect(describeTrigger({ type: 'manual' }, t)).toBe('手动触发');
  });

  it('describes them in English too', async () => {
    await changeLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(describeTrigger({ type: 'fieldChange', eventType: 'record.updated', field: 'totalSpend' }, t)).toBe('Record updated: when totalSpend changes');
    expect(describeTrigger({ type: 'schedule', cron: '0 9 * * 1' }, t)).toBe('Every Monday at 09:00');
    expect(describeTrigger({ type: 'schedule', cron: '0 9 * * *' }, t)).toBe('Every day at 09:00');
    await changeLanguage('zh-CN');
  });

  it('copes with an unknown trigger type', () => {
    expect(describeTriggerParts({ type: 'webhook' } as never)).toEqual({ key: 'rules.triggerDesc.unknown', params: { type: 'webhook' } });
  });
});

describe('trigger form', () => {
  it('round-trips each trigger type', () => {
    for (const trigger of [
      { type: 'event', eventType: 'customer.order' },
      { type: 'fieldChange', eventType: 'record.updated', field: 'totalSpend' },
      { type: 'fieldChange', eventType: 'record.updated', field: 'spend', form: 'customer' },
      { type: 'event', eventType: 'record.created', form: 'order' },
      { type: 'schedule', cron: '0 9 * * 1' },
      { type: 'manual' },
    ] as const) {
      expect(formToTrigger(triggerToForm(trigger))).toEqual(trigger);
    }
  });

  it('keeps the other types\' fields when switching and trims input', () => {
    const form = { ...triggerToForm({ type: 'schedule', cron: '0 8 * * *' }), field: ' level ' };
    expect(formToTrigger({ ...form, type: 'fieldChange' })).toEqual({ type: 'fieldChange', eventType: 'record.updated', field: 'level' });
    expect(formToTrigger({ ...form, type: 'schedule', cron: ' 0  8 * * * ' })).toEqual({ type: 'schedule', cron: '0 8 * * *' });
  });

  it('narrows only record events to a form', () => {
    const form = { ...triggerToForm({ type: 'event', eventType: 'customer.order' }), form: 'customer' };
    expect(onRecords(form)).toBe(false);
    expect(formToTrigger(form)).toEqual({ type: 'event', eventType: 'customer.order' });
    expect(onRecords({ ...form, type: 'fieldChange' })).toBe(true);
  });

  it('knows the presets, the event type of a dry run, and rough cron syntax', () => {
    expect(cronPreset('0  9 * * 1')).toBe('monday9');
    expect(cronPreset('1 2 3 4 5')).toBeUndefined();
    expect(triggerEventType({ type: 'event', eventType: 'customer.order' })).toBe('customer.order');
    expect(triggerEventType({ type: 'manual' })).toBeUndefined();
    expect(looksLikeCron('0 9 * * 1-5')).toBe(true);
    expect(looksLikeCron('*/5 0-6 1,15 * MON')).toBe(true);
    expect(looksLikeCron('0 9 * *')).toBe(false);
    expect(looksLikeCron('every day')).toBe(false);
  });
});
