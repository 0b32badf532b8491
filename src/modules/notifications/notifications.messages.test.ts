// The cycle's e-mail catalogues (notifications.messages.ts): every message exists in kk, ru and en
// (the type says so; this checks the words), names the region, the period as people say it and
// the link, quotes the comment whole (long ones cut), and leaves no placeholder unfilled.
import { describe, expect, it } from 'vitest';
import { LANGS } from '../../domain/lang.ts';
import { dayName, MAIL, MAX_QUOTED, periodName, quoted } from './notifications.messages.ts';

describe('cycle e-mail catalogues', () => {
  it('say periods and days as people do, in each language', () => {
    expect(periodName('2022-12', 'ru')).toBe('декабрь 2022');
    expect(periodName('2022-12', 'kk')).toBe('2022 жылғы желтоқсан');
    expect(periodName('2022-12', 'en')).toBe('December 2022');
    expect(periodName('2023-H1', 'ru')).toBe('первое полугодие 2023');
    expect(periodName('2023-H2', 'en')).toBe('2023, second half');
    expect(periodName('2023', 'kk')).toBe('2023 жыл');
    expect(dayName('2023-01-05', 'ru')).toBe('05.01.2023');
    expect(dayName('2023-01-05', 'en')).toBe('5 January 2023');
    for (const lang of LANGS)
      for (let m = 1; m <= 12; m++)
        expect(periodName(`2024-${String(m).padStart(2, '0')}`, lang)).toMatch(/\p{L}/u);
  });

  it('fill every message of every language, distinct per language', () => {
    const facts = {
      region: 'REGION',
      period: '2022-12',
      link: 'https://x.kz/rfo/KZ-75/2022-12',
      comment: 'COMMENT',
    };
    const seen = new Set<string>();
    for (const lang of LANGS) {
      const c = MAIL[lang];
      const mails = [
        ...Object.values(c.decision).map((f) => f(facts)),
        ...Object.values(c.reminder).map((f) => f({ ...facts, deadline: '2023-01-05' })),
        c.digest({
          items: [
            {
              region: 'REGION',
              period: '2022-12',
              submittedAt: '2023-01-04T10:00:00.000Z',
              link: facts.link,
            },
          ],
          link: 'https://x.kz/national',
        }),
      ];
      for (const m of mails) {
        expect(m.subject).toMatch(/\S/);
        expect(m.subject).not.toMatch(/\n|undefined|\$\{|\{\{/);
        expect(m.body).not.toMatch(/undefined|\$\{|\{\{/);
        expect(`${m.subject} ${m.body}`).toContain('REGION');
        expect(m.body).toContain('https://x.kz/');
        seen.add(m.subject);
      }
      for (const f of [c.decision.returned, c.decision.reopened]) expect(f(facts).body).toContain('COMMENT');
      expect(c.footer('S', true)).toContain('S');
      expect(c.footer('S', false)).toContain('S');
    }
    expect(seen.size).toBe(3 * 6);
  });

  it('quote a long comment cut, a short one whole', () => {
    expect(quoted('short <b>')).toBe('short <b>');
    const long = quoted('x'.repeat(MAX_QUOTED + 10));
    expect(long).toHaveLength(MAX_QUOTED + 1);
    expect(long.endsWith('…')).toBe(true);
  });
});
