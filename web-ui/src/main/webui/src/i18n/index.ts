import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { translations } from './resources';
import { setApiLanguage, setApiTranslator } from '../api/client';
import { LANG_STORAGE_KEY, normalizeLang, type Lang } from './lang';

export { LANG_STORAGE_KEY, LANGS, normalizeLang, type Lang } from './lang';

function storage(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined;
  } catch {
    return undefined; // storage disabled (privacy mode)
  }
}

/** zh-CN unless the user picked a language before. */
export function initialLang(): Lang {
  return normalizeLang(storage()?.getItem(LANG_STORAGE_KEY));
}

function apply(lang: Lang): void {
  setApiLanguage(lang);
  // the date pickers and the calendar view name months and weekdays through dayjs' global locale
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

const lang = initialLang();
void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: translations['zh-CN'] },
    en: { translation: translations.en },
  },
  lng: lang,
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false },
  returnNull: false,
});
apply(lang);
setApiTranslator((key, options) => i18n.t(key, options));

/** Switches the UI language, remembers the choice, and updates `<html lang>` and Accept-Language. */
export async function changeLanguage(next: Lang): Promise<void> {
  try {
    storage()?.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // quota / privacy mode: the choice just is not remembered
  }
  apply(next);
  await i18n.changeLanguage(next);
}

export default i18n;
