import { describe, expect, it } from 'vitest';
import { formatDateInput, formatMonthInput, parseDateInput, parseMonthInput } from './DateInput.tsx';

describe('the date field of the interface language', () => {
  it('shows a date day first in the language’s way', () => {
    expect(formatDateInput('2022-12-31', 'ru')).toBe('31.12.2022');
    expect(formatDateInput('2022-12-31', 'kk')).toBe('31.12.2022');
    expect(formatDateInput('2022-12-31', 'en')).toBe('31/12/2022');
    expect(formatDateInput('', 'en')).toBe('');
  });
  it('reads a day-first date or an ISO date, and nothing that is not a real day', () => {
    expect(parseDateInput('31.12.2022')).toBe('2022-12-31');
    expect(parseDateInput(' 4/3/2025 ')).toBe('2025-03-04');
    expect(parseDateInput('04-03-2025')).toBe('2025-03-04');
    expect(parseDateInput('2025-03-04')).toBe('2025-03-04');
    for (const bad of ['', '31.02.2022', '12/31/2022', '2022', 'завтра', '1.1.22'])
      expect(parseDateInput(bad), bad).toBeNull();
  });
});

describe('the month field of the interface language', () => {
  it('shows and reads a month, month first', () => {
    expect(formatMonthInput('2022-03', 'ru')).toBe('03.2022');
    expect(formatMonthInput('2022-03', 'en')).toBe('03/2022');
    expect(parseMonthInput('3.2022')).toBe('2022-03');
    expect(parseMonthInput('03/2022')).toBe('2022-03');
    expect(parseMonthInput('2022-03')).toBe('2022-03');
    for (const bad of ['', '13.2022', '0.2022', '2022', 'март']) expect(parseMonthInput(bad), bad).toBeNull();
  });
});
