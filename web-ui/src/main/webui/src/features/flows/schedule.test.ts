import { describe, expect, it } from 'vitest';
import { cronOf, partsOf } from './schedule';
import { nodeSummary } from './summary';
import zh from './locales/zh-CN.json';

describe('schedule picker', () => {
  it('reads the crons it can show as a frequency and a time', () => {
    expect(partsOf('0 9 * * *')).toMatchObject({ frequency: 'daily', hour: 9, minute: 0 });
    expect(partsOf(' 30  8 * * 1,5 ')).toMatchObject({ frequency: 'weekly', hour: 8, minute: 30, weekdays: [1, 5] });
    expect(partsOf('0 20 * * 7')).toMatchObject({ frequency: 'weekly', weekdays: [0] });
    expect(partsOf('15 10 28 * *')).toMatchObject({ frequency: 'monthly', hour: 10, minute: 15, day: 28 });
    expect(partsOf(undefined)).toMatchObject({ frequency: 'daily', hour: 9, minute: 0 });
  });

  it('keeps any other cron as custom text', () => {
    for (const cron of ['*/30 * * * *', '0 9 * * 1-5', '0 9 1 * 1', '0 9 1 1 *', '0 25 * * *', '0 9 32 * *', 'every day']) {
      expect(partsOf(cron)).toMatchObject({ frequency: 'custom', cron });
    }
  });

  it('writes the cron of what is picked, and reads it back the same', () => {
    const cases = [
      { frequency: 'daily', hour: 7, minute: 5, weekdays: [], day: 1, cron: '' },
      { frequency: 'weekly', hour: 9, minute: 0, weekdays: [5, 1], day: 1, cron: '' },
      { frequency: 'monthly', hour: 23, minute: 59, weekdays: [], day: 15, cron: '' },
    ] as const;
    expect(cases.map((c) => cronOf({ ...c, weekdays: [...c.weekdays] }))).toEqual(['5 7 * * *', '0 9 * * 1,5', '59 23 15 * *']);
    expect(partsOf(cronOf({ ...cases[1], weekdays: [5, 1] }))).toMatchObject({ frequency: 'weekly', weekdays: [1, 5] });
    expect(cronOf({ ...cases[0], weekdays: [], frequency: 'custom', cron: ' 0 9 * * 1-5 ' })).toBe('0 9 * * 1-5');
  });
});

describe('schedule summary on the canvas', () => {
  // the real Chinese texts, interpolated as i18next does
  const t = (key: string, options?: Record<string, unknown>) => {
    const text = key.replace(/^flows\./, '').split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], zh);
    return String(text ?? key).replace(/{{(\w+)}}/g, (_, name: string) => String(options?.[name] ?? ''));
  };
  const summary = (cron: string) => nodeSummary({ type: 'trigger', name: '', config: { on: 'schedule', cron } }, t);

  it('says when the schedule fires in words, or shows the cron it cannot say', () => {
    expect(summary('0 9 * * *')).toBe('每天 09:00');
    expect(summary('30 8 * * 5,1')).toBe('每周一、五 08:30');
    expect(summary('0 10 1 * *')).toBe('每月 1 日 10:00');
    expect(summary('0 9 * * 1-5')).toBe('0 9 * * 1-5');
  });
});
