import { describe, expect, it } from 'vitest';
import { kzInstantRange, parsePeriod } from './periods.ts';

describe('kzInstantRange', () => {
  it('covers a half-year from midnight to midnight in Kazakhstan time (UTC+5)', () => {
    const h1 = parsePeriod('2026-H1');
    expect(h1 && kzInstantRange(h1)).toEqual({
      from: '2025-12-31T19:00:00.000Z',
      to: '2026-06-30T19:00:00.000Z',
    });
  });
  it('ends a leap February and a year where the next day begins', () => {
    const feb = parsePeriod('2028-02');
    expect(feb && kzInstantRange(feb).to).toBe('2028-02-29T19:00:00.000Z');
    const year = parsePeriod('2026');
    expect(year && kzInstantRange(year)).toEqual({
      from: '2025-12-31T19:00:00.000Z',
      to: '2026-12-31T19:00:00.000Z',
    });
  });
});
