// @vitest-environment jsdom
import dayjs from 'dayjs';
import { afterAll, describe, expect, it } from 'vitest';
import { changeLanguage } from './index';

describe('changeLanguage', () => {
  afterAll(() => changeLanguage('zh-CN'));

  it('names months and weekdays of date pickers and calendars in the chosen language', async () => {
    await changeLanguage('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(dayjs('2026-11-01').format('MMM dd')).toBe('11月 日');
    await changeLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(dayjs('2026-11-01').format('MMM dd')).toBe('Nov Su');
  });
});
