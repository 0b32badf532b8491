// BIN (business identification number) and IIN (individual): 12 digits, the last a check digit.
// Check digit: Σ dᵢ·i (i = 1..11) mod 11; if that is 10, Σ dᵢ·wᵢ with w = 3..11,1,2 mod 11; if
// again 10 the number cannot be valid.
const W1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const W2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

export function checkDigit(first11: string): number | null {
  const d = [...first11].map(Number);
  const sum = (w: number[]) => d.reduce((s, x, i) => s + x * (w[i] as number), 0) % 11;
  let c = sum(W1);
  if (c === 10) c = sum(W2);
  return c === 10 ? null : c;
}

function hasValidCheckDigit(id: string): boolean {
  if (!/^\d{12}$/.test(id)) return false;
  const c = checkDigit(id.slice(0, 11));
  return c !== null && c === Number(id[11]);
}

/** A BIN: 12 digits with a valid check digit; the 5th digit is 4, 5 or 6 for legal entities. */
export function isValidBin(bin: string): boolean {
  return hasValidCheckDigit(bin) && ['4', '5', '6'].includes(bin[4] as string);
}

export interface IinInfo {
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
}

/** An IIN: YYMMDD, a century-and-sex digit (1–6), a serial and the check digit. */
export function parseIin(iin: string): IinInfo | null {
  if (!hasValidCheckDigit(iin)) return null;
  const cs = Number(iin[6]);
  if (cs < 1 || cs > 6) return null;
  const century = 1700 + Math.ceil(cs / 2) * 100; // 1–2: 1800s, 3–4: 1900s, 5–6: 2000s
  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return { birthDate: date.toISOString().slice(0, 10), sex: cs % 2 === 1 ? 'male' : 'female' };
}

export const isValidIin = (iin: string) => parseIin(iin) !== null;

/** Completes 11 digits into a valid id, or null if no check digit exists (used by generators and tests). */
export function withCheckDigit(first11: string): string | null {
  const c = checkDigit(first11);
  return c === null ? null : first11 + c;
}
