// One catalogue per language (src/i18n/{kk,ru,en}.json); every visible string comes from there.
// The language is the one remembered in localStorage, else the browser's first of kk/ru/en, else kk.
// Only the chosen catalogue is fetched (a separate chunk each), to keep the first load small.
import i18next, { type i18n } from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { isLang, type Lang } from '../../domain/lang.ts';
import type en from '../../i18n/en.json';
import { formatNumber } from './format.ts';
import { readJson, writeJson } from './storage.ts';

// The keys of t() are checked against the English catalogue (kk and ru have the same keys: the
// catalogue test in web.test.ts): a key that is not in it fails the type check.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

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

/** {{count, number}} in the catalogues: written by the one number formatter of the browser (format.ts). */
export function addNumberFormat(instance: i18n): void {
  instance.services.formatter?.add('number', (value, lng) =>
    formatNumber(Number(value), isLang(lng) ? lng : 'kk'),
  );
}

export async function initI18n(): Promise<void> {
  const lang = detectLanguage();
  await i18next.use(initReactI18next).init({
    lng: lang,
    fallbackLng: false,
    resources: {},
    interpolation: { escapeValue: false },
    returnNull: false,
    // No advertisement in every visitor's console.
    showSupportNotice: false,
  });
  addNumberFormat(i18next);
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
/** The typed t() of useT, for helpers that translate on a component's behalf. */
export type T = ReturnType<typeof useT>['t'];

type Catalogue = typeof en;
/** The families of the catalogue whose keys are codes that come from the server or the data. */
interface Families {
  fields: Catalogue['fields'];
  rules: Catalogue['rules'];
  ruleDetails: Catalogue['ruleDetails'];
  dimensions: Catalogue['dimensions'];
  'errors.codes': Catalogue['errors']['codes'];
  status: Catalogue['status'];
  'audit.actions': Catalogue['audit']['actions'];
  'audit.entities': Catalogue['audit']['entities'];
  'volunteers.dim': Catalogue['volunteers']['dim'];
  'reference.lists': Catalogue['reference']['lists'];
}
/** The codes a family names: CodeOf<'fields'> is 'area' | 'beneficiaries' | …. */
export type CodeOf<F extends keyof Families> = keyof Families[F] & string;

/**
 * Whether the catalogue names a code the server sent (a problem's rule or column, an audit entry's
 * action): narrows the code so that t(`${family}.${code}`) is a key the compiler checks.
 */
export function isCode<F extends keyof Families>(
  family: F,
  code: string | null | undefined,
): code is CodeOf<F> {
  return typeof code === 'string' && code !== '' && i18next.exists(`${family}.${code}`);
}

/** Every key of those families: 'fields.area' | … | 'status.accepted' | …. */
type FamilyKey = { [F in keyof Families]: `${F}.${CodeOf<F>}` }[keyof Families];
const isFamilyKey = (key: string): key is FamilyKey => i18next.exists(key);

/** The name of a code of a family, or the code itself when the catalogue has none. */
export function codeLabel(t: T, family: keyof Families, code: string): string {
  const key = `${family}.${code}`;
  return code !== '' && isFamilyKey(key) ? t(key) : code;
}

export type Month = keyof Catalogue['months']['long'] & string;
const isMonth = (m: string): m is Month => /^(?:[1-9]|1[0-2])$/.test(m);

/** A month's name (1 = January), long or short; the number itself when it is no month. */
export function monthName(t: T, month: number, form: 'long' | 'short' = 'long'): string {
  const m = String(month);
  return isMonth(m) ? t(`months.${form}.${m}`) : m;
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
