/** For the tests of this folder: the app's i18n with this page's texts mounted as the app will mount them. */
import i18n from '../../i18n';
import recordsEn from './locales/en-US.json';
import recordsZh from './locales/zh-CN.json';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export async function recordsI18n(lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Translate> {
  i18n.addResourceBundle('zh-CN', 'translation', { records: recordsZh }, true, true);
  i18n.addResourceBundle('en', 'translation', { records: recordsEn }, true, true);
  await i18n.changeLanguage(lang);
  const t = i18n.getFixedT(lang);
  return (key, options) => t(key, options);
}
