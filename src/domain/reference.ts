// What validation needs to know of the reference data, loaded once per import or request
// (modules/reference/reference.snapshot.ts) so the rules themselves stay pure and run in the browser.
import { allowedValues, buildCodeIndex, type CodeIndex, type CodeLabel, codeKey } from './code-match.ts';
import type { Lang } from './lang.ts';
import { normalizeName } from './text.ts';

export interface ReferenceUnit {
  code: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface ReferenceSnapshot {
  units: ReferenceUnit[];
  /** normalised alias (code, KATO, names in kk/ru/en, old names) → unit code */
  aliases: Record<string, string>;
  /** list → active codes */
  codes: Record<string, string[]>;
  /** list → active entries with their labels: cells may then name a code by a label (code-match.ts) */
  labels?: Record<string, CodeLabel[]>;
  /** The language an unknown code's allowed values are listed in (the upload's); English by default. */
  lang?: Lang;
}

export function resolveRegion(ref: ReferenceSnapshot, raw: string): string | null {
  return ref.aliases[normalizeName(raw)] ?? null;
}

export function unitExistsIn(ref: ReferenceSnapshot, code: string, start: string, end: string): boolean {
  const u = ref.units.find((x) => x.code === code);
  if (!u) return false;
  return (u.validFrom === null || u.validFrom <= end) && (u.validTo === null || u.validTo >= start);
}

export function hasCode(ref: ReferenceSnapshot, list: string, code: string): boolean {
  return ref.codes[list]?.includes(code) ?? false;
}

const indexes = new WeakMap<ReferenceSnapshot, Map<string, CodeIndex>>();

/**
 * The code a cell names in a list, by its code or (when the snapshot holds the labels) a label or
 * usual variant of one, case and spacing ignored; null when it names none.
 */
export function matchCode(ref: ReferenceSnapshot, list: string, text: string): string | null {
  let lists = indexes.get(ref);
  if (!lists) {
    lists = new Map();
    indexes.set(ref, lists);
  }
  let index = lists.get(list);
  if (!index) {
    index = buildCodeIndex(list, itemsOf(ref, list));
    lists.set(list, index);
  }
  return index.get(codeKey(text)) ?? null;
}

const itemsOf = (ref: ReferenceSnapshot, list: string): CodeLabel[] =>
  ref.labels?.[list] ?? (ref.codes[list] ?? []).map((code) => ({ code, en: '', ru: '', kk: '' }));

/** A list's allowed values for a message: its codes with their labels in the snapshot's language. */
export const allowedOf = (ref: ReferenceSnapshot, list: string): string =>
  allowedValues(itemsOf(ref, list), ref.lang ?? 'en');

/** The message of a cell that names no code of the list: what was given and what is allowed. */
export function unknownCodeMessage(ref: ReferenceSnapshot, list: string, value: string): string {
  return `"${value}" is not a value of the list ${list}; allowed: ${allowedOf(ref, list)}`;
}
