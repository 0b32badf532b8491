// Pure pieces of the web application: number formats of the national office, path matching, the
// dashboard reader, cartogram labels, and the three catalogues (same keys; every key used exists).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import ru from '../../i18n/ru.json';
import type { Territory } from '../../modules/reference/reference.schemas.ts';
import { tileLines } from '../features/dashboard/Cartogram.tsx';
import { type Dashboard, monthlySeries } from '../features/dashboard/data.ts';
import { localValue } from '../features/national/AuditPage.tsx';
import { splitCsv } from '../features/rfo/ImportPanel.tsx';
import { ApiError } from './api.ts';
import { formatDate, formatDateTime, formatHours, formatNumber, formatPercent } from './format.ts';
import { addNumberFormat, codeLabel, isCode, monthName, type T } from './i18n.ts';
import { codeText, ruleText } from './problemText.ts';
import { matchPath } from './router.tsx';

const here = path.dirname(fileURLToPath(import.meta.url));
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formats', () => {
  it('writes numbers and shares as the national office does, whatever the ICU data', () => {
    expect(nb(formatNumber(1088387, 'kk'))).toBe('1 088 387');
    expect(nb(formatNumber(1088387, 'ru'))).toBe('1 088 387');
    expect(formatNumber(1088387, 'en')).toBe('1,088,387');
    expect(formatNumber(1088387, 'kk')).toBe('1\u00a0088\u00a0387');
    expect(nb(formatNumber(1234.5, 'ru', 1))).toBe('1 234,5');
    expect(formatNumber(-0.001, 'kk', 1)).toBe('0,0');
    expect(formatNumber(999, 'kk')).toBe('999');
    // Shares come from the API as percentages.
    expect(nb(formatPercent(38.35, 'kk'))).toBe('38,35 %');
    expect(nb(formatPercent(38.35, 'ru'))).toBe('38,35 %');
    expect(formatPercent(38.35, 'en')).toBe('38.35%');
    expect(nb(formatPercent(100, 'ru', 0))).toBe('100 %');
    // Hours: whole as they are, a fraction with one decimal.
    expect(nb(formatHours(1088387, 'ru'))).toBe('1 088 387');
    expect(formatHours(7.5, 'kk')).toBe('7,5');
    expect(formatHours(null, 'en')).toBe('–');
  });
  it('shows a dash, never 0, for what was not reported', () => {
    expect(formatNumber(null, 'kk')).toBe('–');
    expect(formatNumber(Number.NaN, 'kk')).toBe('–');
    expect(formatPercent(undefined, 'ru')).toBe('–');
    expect(formatDate(null, 'en')).toBe('–');
  });
  it('writes dates day first', () => {
    expect(formatDate('2022-04-05', 'kk')).toBe('05.04.2022');
    expect(formatDate('2022-04-05', 'ru')).toBe('05.04.2022');
    expect(formatDate('2022-04-05', 'en')).toBe('05/04/2022');
    expect(formatDateTime('2022-04-05T09:07:00', 'ru')).toBe('05.04.2022, 09:07');
  });
});

describe('router', () => {
  it('matches patterns with parameters', () => {
    expect(matchPath('/rfo/:region/:period', '/rfo/KZ-75/2022-03')).toEqual({
      region: 'KZ-75',
      period: '2022-03',
    });
    expect(matchPath('/regions/:code', '/regions/KZ-75/')).toEqual({ code: 'KZ-75' });
    expect(matchPath('/regions/:code', '/reports')).toBeNull();
    expect(matchPath('/', '/')).toEqual({});
  });
});

describe('dashboard series', () => {
  it('lists twelve months, null where nothing was reported', () => {
    const d = {
      monthly: [
        { period: '2022-03', month: 3, hours: 10, activities: 2 },
        { period: '2022-04', month: 4, hours: null, activities: null },
      ],
    } as unknown as Dashboard;
    const hours = monthlySeries(d, 'hours');
    expect(hours).toHaveLength(12);
    expect(hours[2]).toBe(10);
    expect(hours[3]).toBeNull();
    expect(hours[0]).toBeNull();
  });
});

describe('CSV preview', () => {
  it("splits on the file's delimiter and keeps quoted delimiters, quotes and blank cells", () => {
    expect(splitCsv('a;b;c\r\n1;"x; y";\r\n\r\n2;"say ""hi""";3\n', 5)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x; y', ''],
      ['2', 'say "hi"', '3'],
    ]);
    expect(splitCsv('a,b\n1,2\n3,4\n5,6', 2)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(splitCsv('a,b\n1,2', 5)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('cartogram labels', () => {
  it('fits a name on at most two short lines', () => {
    expect(tileLines('Astana city')).toEqual(['Astana city']);
    expect(tileLines('Солтүстік Қазақстан')).toEqual(['Солтүстік', 'Қазақстан']);
    for (const line of tileLines('Западно-Казахстанская')) expect(line.length).toBeLessThanOrEqual(12);
  });
});

describe('catalogues', () => {
  const flat = (o: Record<string, unknown>, p = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === 'object' ? flat(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`],
    );
  const load = (lang: string) =>
    JSON.parse(fs.readFileSync(path.join(here, '../../i18n', `${lang}.json`), 'utf8')) as Record<
      string,
      unknown
    >;
  const keys = { kk: flat(load('kk')).sort(), ru: flat(load('ru')).sort(), en: flat(load('en')).sort() };
  // A counted phrase is one key with the plural forms its language has (i18next's _one, _few, …):
  // Russian needs one, few and many besides other; Kazakh and English one and other.
  const PLURAL = /_(zero|one|two|few|many|other)$/;
  const FORMS = { kk: ['one', 'other'], ru: ['one', 'few', 'many', 'other'], en: ['one', 'other'] };
  // A key is counted when it has an _other form (a rule named hours_too_many is not a plural).
  const counted = new Set(
    Object.values(keys).flatMap((l) => l.filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -6))),
  );
  const stem = (k: string) => {
    const b = k.replace(PLURAL, '');
    return b !== k && counted.has(b) ? b : k;
  };
  const base = (list: string[]) => [...new Set(list.map(stem))].sort();

  it('have the same keys in kk, ru and en', () => {
    expect(base(keys.ru)).toEqual(base(keys.kk));
    expect(base(keys.en)).toEqual(base(keys.kk));
  });

  it('give every counted phrase the plural forms of its language', () => {
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const have = new Set(keys[lang]);
      const missing = [...counted]
        .flatMap((k) => FORMS[lang].map((f) => `${k}_${f}`))
        .filter((k) => !have.has(k));
      expect(missing, lang).toEqual([]);
    }
  });

  it('hold every key the components use', () => {
    const used = new Set<string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts'))
          for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g))
            used.add(m[1] as string);
      }
    };
    walk(path.join(here, '..'));
    const have = new Set(base(keys.en));
    expect([...used].filter((k) => !have.has(k))).toEqual([]);
  });
});

describe('typed keys', () => {
  const ready = (async () => {
    await i18next.init({ lng: 'en', resources: { en: { translation: en } }, fallbackLng: false });
    addNumberFormat(i18next);
  })();
  it('checks the keys of t() against the English catalogue', async () => {
    await ready;
    expect(i18next.t('common.save')).toBe('Save');
    // @ts-expect-error: not a key of the catalogue
    expect(i18next.t('no.such.key')).toBe('no.such.key');
  });
  it("names the server's codes the catalogue has, and shows the others as they are", async () => {
    await ready;
    expect(codeLabel(i18next.t, 'fields', 'organization_bin')).toBe('Organisation BIN');
    expect(codeLabel(i18next.t, 'audit.actions', 'accept')).toBe('Accepted');
    expect(codeLabel(i18next.t, 'fields', 'no_such_field')).toBe('no_such_field');
    expect(codeLabel(i18next.t, 'status', '')).toBe('');
    const rule: string = 'cohorts_sum';
    expect(isCode('rules', rule) ? i18next.t(`rules.${rule}`) : rule).toBe(
      'The cohorts do not add up to the volunteers',
    );
    expect(isCode('rules', 'fields')).toBe(false);
    expect(monthName(i18next.t, 3)).toBe('March');
    expect(monthName(i18next.t, 12, 'short')).toBe('Dec');
    expect(monthName(i18next.t, 13)).toBe('13');
  });
  it('writes the counts in the catalogues with the one number formatter', async () => {
    await ready;
    expect(i18next.t('audit.caption', { count: 1088387 })).toBe('Entries: 1,088,387');
    await i18next.changeLanguage('ru');
    i18next.addResourceBundle('ru', 'translation', { audit: { caption: 'Записи: {{count, number}}' } });
    expect(i18next.t('audit.caption', { count: 1088387 })).toBe('Записи: 1\u00a0088\u00a0387');
    await i18next.changeLanguage('en');
  });
});

describe('components', () => {
  // Every visible string comes from the catalogues: no letters in JSX text, and no literal text in
  // the attributes people read (aria-label, title, placeholder, alt, label). File extensions
  // (".xlsx", ".csv") are not words in any language.
  it('hold no hard-coded text', () => {
    const found: string[] = [];
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) =>
          e.isDirectory()
            ? walk(path.join(dir, e.name))
            : e.name.endsWith('.tsx')
              ? [path.join(dir, e.name)]
              : [],
        );
    const words = (s: string) => /\p{L}/u.test(s) && !/^\.[a-z]+$/.test(s.trim());
    for (const file of walk(path.join(here, '..'))) {
      const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const where = (n: ts.Node) =>
        `${path.relative(path.join(here, '..'), file)}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const visit = (n: ts.Node) => {
        if (ts.isJsxText(n) && words(n.text)) found.push(`${where(n)} ${n.text.trim()}`);
        if (
          ts.isJsxAttribute(n) &&
          n.initializer &&
          /^(aria-label|title|placeholder|alt|label)$/.test(n.name.getText())
        ) {
          const init = n.initializer;
          const lit = ts.isStringLiteral(init)
            ? init
            : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression)
              ? init.expression
              : null;
          if (lit && words(lit.text)) found.push(`${where(n)} ${n.name.getText()}="${lit.text}"`);
        }
        if (
          ts.isJsxExpression(n) &&
          n.expression &&
          ts.isStringLiteralLike(n.expression) &&
          words(n.expression.text)
        )
          found.push(`${where(n)} {'${n.expression.text}'}`);
        ts.forEachChild(n, visit);
      };
      visit(src);
    }
    expect(found).toEqual([]);
  });
});

describe('audit values', () => {
  it("writes quantities and dates in the reader's conventions, identifiers as stored", () => {
    expect(nb(localValue('hours', '1088387.5', 'ru'))).toBe('1 088 387,5');
    expect(localValue('hours', '1088387.5', 'en')).toBe('1,088,387.5');
    expect(localValue('start_date', '2022-04-05', 'kk')).toBe('05.04.2022');
    expect(localValue('organization_bin', '123456789012', 'ru')).toBe('123456789012');
    expect(localValue('external_id', '100500', 'ru')).toBe('100500');
    expect(localValue('year', '2022', 'ru')).toBe('2022');
    expect(localValue('title', 'Субботник', 'kk')).toBe('Субботник');
  });
});

describe('errors in the reader’s language', () => {
  const ready = (async () => {
    const i = i18next.createInstance();
    await i.init({ lng: 'ru', resources: { ru: { translation: ru } }, fallbackLng: false });
    addNumberFormat(i);
    return i;
  })();
  const territories = [
    { code: 'KZ-10', nameKk: 'Абай облысы', nameRu: 'Абайская область', nameEn: 'Abai region' },
  ] as unknown as Territory[];

  it('names the breakdown that does not add up, and the allowed values', async () => {
    const t = (await ready).t as T;
    const p = {
      rule: 'breakdown_sum',
      column: 'volunteers',
      message: 'x',
      params: { dimension: 'age_band', sum: 9, total: 10 },
    };
    expect(ruleText(t, p)).toBe('Категории по признаку «возрастная группа» в сумме дают 9, а не итог 10');
    expect(ruleText(t, { ...p, params: { ...p.params, dimension: 'gender' } })).toContain('«пол»');
    expect(ruleText(t, { rule: 'breakdown_sum', message: 'x' })).toBe('Сумма категорий не равна итогу');
    expect(ruleText(t, { rule: 'unknown_code', message: 'x', params: { allowed: 'online (онлайн)' } })).toBe(
      'Такого значения нет в справочнике; допустимо: online (онлайн)',
    );
    expect(ruleText(t, { rule: 'no_such_rule', message: 'The English sentence' })).toBe(
      'The English sentence',
    );
  });

  it('says which month is closed, with the region’s name, the month and its status', async () => {
    const t = (await ready).t as T;
    const closed = new ApiError(
      409,
      'submission_closed',
      'English',
      [{ region: 'KZ-10', period: '2022-03', status: 'accepted' } as never],
      null,
    );
    expect(codeText(t, 'ru', territories, closed)).toMatch(
      /^Период закрыт: Абайская область, март 2022 \(принято\)\./i,
    );
    const months = new ApiError(
      409,
      'other_months',
      'English',
      [
        { rule: 'other_month', value: '2022-04', rows: 3 } as never,
        { rule: 'other_month', value: '2022-05', rows: 5 } as never,
      ],
      null,
    );
    expect(codeText(t, 'ru', territories, months)).toBe(
      'В файле есть строки других месяцев: апрель 2022 (3 строки); май 2022 (5 строк). Ничего не импортировано.',
    );
    expect(codeText(t, 'ru', territories, new ApiError(400, 'bad_request', 'x', [], null))).toBeNull();
  });
});
