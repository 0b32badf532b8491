// Verification codes of record-book certificates (issue 12 item 2): 80 random bits written as 16
// characters of Crockford's base 32 in four groups (7K3M-Q9TX-2HDW-8RFA), which people can read out
// and type: no I, L, O or U; typing O for 0 or I / L for 1, lower case, spaces or no dashes all give
// the same code back.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 16;

/** A new code: 80 random bits, 16 characters, without the dashes. */
export function newCertificateCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** The code as printed: four groups of four joined by dashes. */
export const printedCode = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

/** The code someone typed, normalised; null when it cannot be a code. */
export function readCertificateCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** Initials of a name as the certificate shows its holder: «Айгерим Сапарова» → «А. С.». */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '—';
  return parts.map((p) => `${[...p][0]?.toUpperCase()}.`).join(' ');
}
