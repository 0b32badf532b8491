// What validation needs to know of the reference data, loaded once per import or request
// (modules/reference/reference.snapshot.ts) so the rules themselves stay pure and run in the browser.
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
