import { describe, expect, it } from 'vitest';
import { initialsOf, newCertificateCode, printedCode, readCertificateCode } from './certificate-code.ts';

describe('certificate codes', () => {
  it('carry 80 bits in 16 characters of Crockford base 32, printed in groups of four', () => {
    const code = newCertificateCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(printedCode(code)).toMatch(/^(\w{4}-){3}\w{4}$/);
    // All 80 bits used: all-ones bytes give all-Z, zero bytes all-0.
    expect(newCertificateCode((n) => Buffer.alloc(n, 0xff))).toBe('Z'.repeat(16));
    expect(newCertificateCode((n) => Buffer.alloc(n, 0))).toBe('0'.repeat(16));
    const many = new Set(Array.from({ length: 2000 }, () => newCertificateCode()));
    expect(many.size).toBe(2000);
  });

  it('read back as typed: lower case, spaces, no dashes, O for 0, I or L for 1', () => {
    expect(readCertificateCode('7k3m q9tx-2hdw 8rfa')).toBe('7K3MQ9TX2HDW8RFA');
    expect(readCertificateCode('O1IL-0000-0000-0000')).toBe('0111000000000000');
    expect(readCertificateCode('7K3M-Q9TX-2HDW')).toBeNull();
    expect(readCertificateCode('7K3M-Q9TX-2HDW-8RFU')).toBeNull();
    expect(readCertificateCode('<script>')).toBeNull();
  });

  it('names the holder by initials only', () => {
    expect(initialsOf('Айгерим Сапарова')).toBe('А. С.');
    expect(initialsOf('  ә  ғали ')).toBe('Ә. Ғ.');
    expect(initialsOf('')).toBe('—');
  });
});
