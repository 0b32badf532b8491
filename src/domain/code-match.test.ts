import { describe, expect, it } from 'vitest';
import { validateActivity } from './activity-rules.ts';
import { cellChecker } from './cell-rules.ts';
import { allowedValues, buildCodeIndex, type CodeLabel, codeKey } from './code-match.ts';
import { matchCode, type ReferenceSnapshot } from './reference.ts';

// The labels as the reference migration holds them.
const LABELS: Record<string, CodeLabel[]> = {
  organization_type: [
    { code: 'npo', en: 'Volunteer NPO', ru: 'Волонтерская НКО', kk: 'Волонтерлік ҮЕҰ' },
    { code: 'initiative_group', en: 'Initiative group', ru: 'Инициативная группа', kk: 'Бастамашыл топ' },
    { code: 'company', en: 'Company', ru: 'Компания', kk: 'Компания' },
  ],
  area: [
    {
      code: 'taza_alem',
      en: 'Birgemiz: Taza Álem (ecology)',
      ru: 'Birgemiz: Taza Álem (экология)',
      kk: 'Birgemiz: Taza Álem (экология)',
    },
    {
      code: 'other_social',
      en: 'Other social volunteering',
      ru: 'Прочее социальное волонтерство',
      kk: 'Басқа әлеуметтік волонтерлік',
    },
  ],
  format: [
    { code: 'offline', en: 'Offline', ru: 'Офлайн', kk: 'Офлайн' },
    {
      code: 'online',
      en: 'Online (remote, internet or telephone)',
      ru: 'Онлайн (дистанционно, интернет или телефон)',
      kk: 'Онлайн (қашықтан, интернет не телефон)',
    },
    { code: 'auto', en: 'Auto-volunteering', ru: 'Автоволонтерство', kk: 'Автоволонтерлік' },
  ],
  kind: [
    { code: 'event', en: 'One-time event', ru: 'Разовое мероприятие', kk: 'Бір реттік іс-шара' },
    {
      code: 'ongoing',
      en: 'Systematic programme (a month)',
      ru: 'Системная программа (за месяц)',
      kk: 'Жүйелі бағдарлама (бір ай)',
    },
  ],
  rfo_support: [
    {
      code: 'recruiting',
      en: 'Recruiting volunteers',
      ru: 'Привлечение волонтеров',
      kk: 'Волонтерлерді тарту',
    },
    { code: 'coverage', en: 'Media coverage', ru: 'Освещение мероприятия', kk: 'Іс-шараны ақпараттық қамту' },
  ],
  exclusion_reason: [
    { code: 'paid', en: 'Paid activity', ru: 'Оплачиваемая деятельность', kk: 'Ақылы қызмет' },
  ],
  gender: [
    { code: 'male', en: 'Men', ru: 'Мужчины', kk: 'Ерлер' },
    { code: 'female', en: 'Women', ru: 'Женщины', kk: 'Әйелдер' },
  ],
};

const ref: ReferenceSnapshot = {
  units: [{ code: 'KZ-75', validFrom: null, validTo: null }],
  aliases: { 'kz-75': 'KZ-75' },
  codes: Object.fromEntries(Object.entries(LABELS).map(([l, items]) => [l, items.map((i) => i.code)])),
  labels: LABELS,
};

describe('codeKey', () => {
  it('folds case, ё, accents, dashes, underscores and spacing; keeps the Kazakh letters', () => {
    expect(codeKey('  Прочее   социальное ВОЛОНТЁРСТВО ')).toBe('прочее социальное волонтерство');
    expect(codeKey('Taza Álem')).toBe('taza alem');
    expect(codeKey('taza_alem')).toBe('taza alem');
    expect(codeKey('Фронт-офис')).toBe('фронт офис');
    expect(codeKey('ҮЕҰ')).toBe('үеұ');
    expect(codeKey('«Офлайн»')).toBe(codeKey('офлаин'));
  });
});

describe('matchCode', () => {
  it.each([
    ['format', 'offline', 'offline'],
    ['format', 'OFFLINE', 'offline'],
    ['format', 'Офлайн', 'offline'],
    ['format', 'оффлайн', 'offline'],
    ['format', 'онлайн', 'online'],
    ['format', 'Online (remote, internet or telephone)', 'online'],
    ['format', 'Онлайн (қашықтан, интернет не телефон)', 'online'],
    ['area', 'Прочее социальное волонтёрство', 'other_social'],
    ['area', 'басқа  әлеуметтік волонтерлік', 'other_social'],
    ['area', 'Taza Alem', 'taza_alem'],
    ['area', 'Birgemiz: Taza Álem (экология)', 'taza_alem'],
    ['organization_type', 'ҮЕҰ', 'npo'],
    ['organization_type', 'нко', 'npo'],
    ['organization_type', 'НПО', 'npo'],
    ['organization_type', 'NGO', 'npo'],
    ['organization_type', 'Волонтерлік ҮЕҰ', 'npo'],
    ['organization_type', 'инициативная  группа', 'initiative_group'],
    ['organization_type', 'Initiative_Group', 'initiative_group'],
    ['kind', 'разовое мероприятие', 'event'],
    ['kind', 'Системная программа', 'ongoing'],
    ['gender', 'Ж', 'female'],
  ])('%s: %s → %s', (list, text, code) => {
    expect(matchCode(ref, list, text)).toBe(code);
  });

  it('answers null for what names no code, and for a code of another list', () => {
    expect(matchCode(ref, 'format', 'hybrid')).toBeNull();
    expect(matchCode(ref, 'format', 'npo')).toBeNull();
    expect(matchCode(ref, 'nowhere', 'npo')).toBeNull();
  });

  it('matches codes only when the snapshot holds no labels', () => {
    const bare: ReferenceSnapshot = { ...ref, labels: undefined };
    expect(matchCode(bare, 'format', 'Offline')).toBe('offline');
    expect(matchCode(bare, 'format', 'Офлайн')).toBeNull();
  });

  it('drops a derived variant that would name two codes', () => {
    const index = buildCodeIndex('x', [
      { code: 'a', en: 'Online (chat)', ru: '', kk: '' },
      { code: 'b', en: 'Online (phone)', ru: '', kk: '' },
    ]);
    expect(index.get('online')).toBeUndefined();
    expect(index.get('online (chat)')).toBe('a');
  });
});

describe('validation with labels', () => {
  const good = {
    region: 'KZ-75',
    period: '2022-05',
    organization: 'Жас Қанат',
    organization_type: 'ҮЕҰ',
    title: 'Субботник',
    area: 'Прочее социальное волонтёрство',
    format: 'Офлайн',
    kind: 'Разовое мероприятие',
    start_date: '2022-05-14',
    end_date: '2022-05-14',
    volunteers: '12',
    hours: '48',
    rfo_support: 'Привлечение волонтеров | coverage',
    excluded: 'Оплачиваемая деятельность',
  };

  it('an activity in labels validates to the codes', () => {
    const r = validateActivity(good, ref, 2);
    expect(r.problems).toEqual([]);
    expect(r.value).toMatchObject({
      organization_type: 'npo',
      area: 'other_social',
      format: 'offline',
      kind: 'event',
      rfo_support: 'recruiting|coverage',
      excluded: 'paid',
    });
  });

  it('an unknown value lists the allowed values, with labels in the upload language', () => {
    const [p] = validateActivity({ ...good, format: 'гибрид' }, ref, 2).problems;
    expect(p).toMatchObject({ column: 'format', rule: 'unknown_code', value: 'гибрид' });
    expect(p?.message).toContain(
      'allowed: offline (Offline), online (Online (remote, internet or telephone)), auto',
    );
    const [ru] = validateActivity({ ...good, format: 'гибрид' }, { ...ref, lang: 'ru' }, 2).problems;
    expect(ru?.message).toContain('offline (Офлайн)');
    const [s] = validateActivity({ ...good, rfo_support: 'recruiting|magic' }, ref, 2).problems;
    expect(s?.message).toContain('not support types: magic; allowed: recruiting (Recruiting volunteers)');
  });

  it('the cells of the smaller formats match labels too', () => {
    const c = cellChecker({ gender: 'Женщины', channel: 'x' }, ref);
    expect(c.code('gender', 'gender', true)).toBe('female');
    expect(c.problems).toEqual([]);
  });

  it('allowedValues shortens a long list', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ code: `c${i}`, en: `C ${i}`, ru: '', kk: '' }));
    expect(allowedValues(items, 'en', 2)).toBe('c0 (C 0), c1 (C 1), …');
    expect(allowedValues(items, 'ru', 1)).toBe('c0, …');
  });
});
