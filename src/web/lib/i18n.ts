// One catalogue per language (src/i18n/{kk,ru,en}.json); every visible string comes from there.
// The language is the one remembered in localStorage, else the browser's first of kk/ru/en, else kk.
// Only the chosen catalogue is fetched (a separate chunk each), to keep the first load small.
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../domain/lang.ts';
import { readJson, writeJson } from './storage.ts';

const STORAGE_KEY = 'bgz.lang';

const catalogues: Record<Lang, () => Promise<{ default: Record<string, unknown> }>> = {
  kk: () => import('../../i18n/kk.json'),
  ru: () => import('../../i18n/ru.json'),
  en: () => import('../../i18n/en.json'),
};

export function detectLanguage(): Lang {
  const stored = readJson<string>(STORAGE_KEY);
  if (isLang(stored)) return stored;
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'kk';
}

async function loadCatalogue(lang: Lang): Promise<void> {
  if (i18next.hasResourceBundle(lang, 'translation')) return;
  const mod = await catalogues[lang]();
  i18next.addResourceBundle(lang, 'translation', mod.default, true, true);
}

export async function initI18n(): Promise<void> {
  const lang = detectLanguage();
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: false,
    resources: {},
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await loadCatalogue(lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export async function setLanguage(lang: Lang): Promise<void> {
  await loadCatalogue(lang);
  await i18next.changeLanguage(lang);
  writeJson(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
}

/** t() plus the current language, typed. */
export function useT() {
  const { t, i18n } = useTranslation();
  return { t, lang: isLang(i18n.language) ? i18n.language : 'kk' };
}

/** Picks the name of a reference item in the current language (code lists, territories). */
export function localName(
  item: { name?: string; nameKk?: string; nameRu?: string; nameEn?: string } | undefined,
  lang: Lang,
): string {
  if (!item) return '';
  const byLang = lang === 'kk' ? item.nameKk : lang === 'ru' ? item.nameRu : item.nameEn;
  return byLang ?? item.name ?? '';
}
