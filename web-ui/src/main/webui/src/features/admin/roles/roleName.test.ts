import { afterAll, describe, expect, it } from 'vitest';
import i18n, { changeLanguage } from '../../../i18n';
import { roleName } from './roleName';

describe('roleName', () => {
  afterAll(() => changeLanguage('zh-CN'));

  it('shows built-in roles with their starting name in the UI language, and given names as given', async () => {
    await changeLanguage('en');
    expect(['所有者', '搭建者', '成员', '只读'].map((n) => roleName(n, i18n.t))).toEqual(['Owner', 'Builder', 'Member', 'Viewer']);
    expect(roleName('销售专员', i18n.t)).toBe('销售专员');
    await changeLanguage('zh-CN');
    expect(roleName('搭建者', i18n.t)).toBe('搭建者');
  });
});
