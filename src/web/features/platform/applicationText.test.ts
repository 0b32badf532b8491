import { describe, expect, it } from 'vitest';
import { formatKzDateTime, formatKzRange } from '../../lib/format.ts';
import { parseHours, shiftHours } from './applicationText.ts';

describe('the platform’s times in Kazakhstan time', () => {
  it('reads the API’s +05:00 strings and UTC instants as Kazakhstan wall-clock time', () => {
    expect(formatKzRange('2030-06-01T10:00:00+05:00', '2030-06-01T14:00:00+05:00', 'ru')).toBe(
      '01.06.2030, 10:00–14:00',
    );
    expect(formatKzRange('2030-06-01T22:00:00+05:00', '2030-06-02T02:00:00+05:00', 'en')).toBe(
      '01/06/2030, 22:00 – 02/06/2030, 02:00',
    );
    // 21:00 UTC on the 31st is 02:00 on the 1st in Kazakhstan.
    expect(formatKzDateTime('2030-01-31T21:00:00.000Z', 'kk')).toBe('01.02.2030, 02:00');
    expect(formatKzDateTime(null, 'kk')).toBe('–');
  });
});

describe('hours typed in the attendance sheet and the dispute forms', () => {
  it('reads a decimal comma or point, nothing else', () => {
    expect(parseHours('3,5')).toBe(3.5);
    expect(parseHours(' 4 ')).toBe(4);
    expect(parseHours('0.25')).toBe(0.25);
    for (const bad of ['', '-1', 'four', '1,2,3', '3 h']) expect(parseHours(bad), bad).toBeNaN();
  });
  it('takes a shift’s length from its ends', () => {
    expect(shiftHours('2030-06-01T10:00:00+05:00', '2030-06-01T14:30:00+05:00')).toBe(4.5);
    expect(shiftHours('2030-06-01T22:00:00+05:00', '2030-06-02T01:20:00+05:00')).toBe(3.33);
  });
});
