export type Lang = 'zh-CN' | 'en';

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

/** localStorage key holding the user's language choice. */
export const LANG_STORAGE_KEY = 'qiaoban.lang';

/** Maps whatever was stored (or nothing) to a supported language; zh-CN is the default. */
export function normalizeLang(value: string | null | undefined): Lang {
  if (!value) return 'zh-CN';
  const v = value.toLowerCase();
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return 'zh-CN';
}
