import { describe, expect, it } from 'vitest';
import { checkDigit, isValidBin, isValidIin, parseIin, withCheckDigit } from './ids.ts';

describe('BIN and IIN check digits', () => {
  it('computes the first-pass check digit', () => {
    // 1·0+2·4+3·0+4·5+5·4+6·0+7·0+8·0+9·1+10·2+11·3 = 110 → 0
    expect(checkDigit('04054000123')).toBe(0);
  });

  it('falls back to the second weights when the first sum gives 10', () => {
    // First pass: 10·1 + 11·1 = 21 → 10; second weights: 1·1 + 2·1 = 3.
    expect(checkDigit('00000000011')).toBe(3);
  });

  it('accepts a BIN with its check digit and refuses one digit changed', () => {
    const bin = withCheckDigit('04054000123') as string;
    expect(isValidBin(bin)).toBe(true);
    const wrong = bin.slice(0, 11) + String((Number(bin[11]) + 1) % 10);
    expect(isValidBin(wrong)).toBe(false);
  });

  it('refuses a BIN that is not 12 digits or not of a legal entity', () => {
    expect(isValidBin('12345')).toBe(false);
    expect(isValidBin('0405400012a0')).toBe(false);
    const individual = withCheckDigit('85010130012') as string;
    expect(isValidBin(individual)).toBe(false);
  });

  it('reads birth date and sex from an IIN', () => {
    const iin = withCheckDigit('85010140012') as string; // 4 = born 1900–1999, female
    expect(parseIin(iin)).toEqual({ birthDate: '1985-01-01', sex: 'female' });
    const boy = withCheckDigit('05123150012') as string; // 5 = 2000s, male
    expect(parseIin(boy)).toEqual({ birthDate: '2005-12-31', sex: 'male' });
  });

  it('refuses an IIN with an impossible date or century digit', () => {
    const feb30 = withCheckDigit('85023040012');
    if (feb30) expect(isValidIin(feb30)).toBe(false);
    const century = withCheckDigit('85010170012');
    if (century) expect(isValidIin(century)).toBe(false);
  });
});
