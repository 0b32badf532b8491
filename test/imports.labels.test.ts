// Uploads in the officers' own words (issue 10, item 6): code-list cells in kk / ru / en labels and
// their usual variants import the same records as the codes; an unknown value's problem lists the
// allowed values; a file uploaded on a month's page with rows of other months is stopped (409
// other_months naming them) unless confirmed; a closed month's refusal says the month is closed.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
});
afterAll(async () => t?.close());

function upload(content: string, who: SignedIn, query = '', kind = 'activities') {
  const boundary = `----birgemiz${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n` +
        'Content-Type: text/csv\r\n\r\n',
    ),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/api/imports/${kind}${query}`,
    headers: { ...who.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const HEADER =
  'region;period;organization;organization_type;title;area;format;kind;start_date;end_date;volunteers;hours;rfo_support;excluded';
type Cells = [string, string, string, string, string, string];
/** organisation type, area, format, kind, support, excluded: in codes or in words. */
const CODES: Cells[] = [
  ['npo', 'other_social', 'offline', 'event', 'recruiting|coverage', ''],
  ['initiative_group', 'taza_alem', 'online', 'ongoing', '', 'paid'],
  ['company', 'media', 'auto', 'development', 'vehicles', ''],
];
const RU: Cells[] = [
  [
    'ҮЕҰ',
    'Прочее социальное волонтёрство',
    'Офлайн',
    'Разовое  мероприятие',
    'Привлечение волонтеров | освещение мероприятия',
    '',
  ],
  [
    'инициативная группа',
    'Taza Álem',
    'онлайн',
    'Системная программа (за месяц)',
    '',
    'оплачиваемая деятельность',
  ],
  [
    'ТОО',
    'МЕДИАВОЛОНТЁРСТВО',
    'Автоволонтерство',
    'Мероприятие по развитию волонтерства',
    'Предоставление транспорта',
    '',
  ],
];
const csv = (period: string, rows: Cells[]) =>
  `${[
    HEADER,
    ...rows.map(([type, area, format, kind, support, excluded], i) =>
      [
        'KZ-75',
        period,
        `Labels Org ${i}`,
        type,
        `Activity ${i}`,
        area,
        format,
        kind,
        `${period}-05`,
        `${period}-05`,
        10,
        20,
        support,
        excluded,
      ].join(';'),
    ),
  ].join('\n')}\n`;

async function stored(period: string) {
  const rows = await t.database.db
    .selectFrom('activity as a')
    .innerJoin('organization as o', 'o.id', 'a.organization_id')
    .select(['a.title', 'o.type', 'a.area', 'a.format', 'a.kind', 'a.rfo_support', 'a.excluded'])
    .where('a.region', '=', 'KZ-75')
    .where('a.period', '=', period)
    .orderBy('a.title')
    .execute();
  return rows;
}

describe('code-list cells in the officers\u2019 words', () => {
  it('a CSV in Russian and Kazakh labels and variants imports the same records as the one with codes', async () => {
    const byCodes = await upload(csv('2022-03', CODES), rfo);
    expect(byCodes.statusCode, byCodes.body).toBe(200);
    const byWords = await upload(csv('2022-04', RU), rfo);
    expect(byWords.statusCode, byWords.body).toBe(200);
    expect(byWords.json()).toMatchObject({ rows: 3, inserted: 3 });
    const a = await stored('2022-03');
    expect(a).toHaveLength(3);
    expect(await stored('2022-04')).toEqual(a);
    expect(a[0]).toMatchObject({
      type: 'npo',
      area: 'other_social',
      format: 'offline',
      rfo_support: 'recruiting|coverage',
    });
  });

  it('the command line imports the same file in words as the codes too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-labels-'));
    try {
      const file = path.join(dir, 'words.csv');
      fs.writeFileSync(file, csv('2022-02', RU));
      const r = await runCli(['import', 'activities', file, '--json'], { env: t.database.cliEnv });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, inserted: 3 });
      expect(await stored('2022-02')).toEqual(await stored('2022-03'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown value is refused with the allowed values, labelled in the upload language', async () => {
    const bad = csv('2022-04', [['ҮЕҰ', 'other_social', 'гибрид', 'event', '', '']]);
    const en = await upload(bad, rfo);
    expect(en.statusCode).toBe(422);
    const [p] = en.json().details;
    expect(p).toMatchObject({ row: 2, column: 'format', value: 'гибрид', rule: 'unknown_code' });
    expect(p.message).toMatch(
      /allowed: offline \(Offline\), online \(Online .*\), auto \(Auto-volunteering\)/,
    );
    const ru = await upload(bad, rfo, '?lang=ru');
    expect(ru.json().details[0].message).toContain('offline (Офлайн)');
  });
});

describe('stocks in words', () => {
  it('a volunteers file names dimensions and categories by their Russian and Kazakh labels', async () => {
    const file = [
      'Регион;Период;Разрез;Категория;Волонтёры',
      'KZ-75;2021;Всего;;10',
      'KZ-75;2021;Пол;Мужчины;4',
      'KZ-75;2021;жынысы;ӘЙЕЛДЕР;6',
    ].join('\n');
    const res = await upload(file, rfo, '', 'volunteers');
    expect(res.statusCode, res.body).toBe(200);
    const rows = await t.database.db
      .selectFrom('volunteer_stat')
      .select(['dimension', 'category', 'volunteers'])
      .where('region', '=', 'KZ-75')
      .where('period', '=', '2021')
      .orderBy('dimension')
      .orderBy('category')
      .execute();
    expect(rows).toEqual([
      { dimension: 'gender', category: 'female', volunteers: 6 },
      { dimension: 'gender', category: 'male', volunteers: 4 },
      { dimension: 'total', category: '', volunteers: 10 },
    ]);
    const bad = await upload(
      'region,period,dimension,category,volunteers\nKZ-75,2021,gender,other,1\n',
      rfo,
      '',
      'volunteers',
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().details[0].message).toContain('allowed: male (Men), female (Women)');
  });
});

describe('a file uploaded on a month\u2019s page', () => {
  it('with rows of other months is stopped, naming them, and goes in only when confirmed', async () => {
    const file = csv('2022-06', CODES.slice(0, 2)).concat(
      csv('2022-07', CODES.slice(2)).split('\n').slice(1).join('\n'),
    );
    const stopped = await upload(file, rfo, '?period=2022-05');
    expect(stopped.statusCode, stopped.body).toBe(409);
    expect(stopped.json()).toMatchObject({
      error: 'other_months',
      message: expect.stringContaining('2022-06 (2 rows), 2022-07 (1 row)'),
      details: [
        { rule: 'other_month', value: '2022-06', rows: 2, period: '2022-05' },
        { rule: 'other_month', value: '2022-07', rows: 1, period: '2022-05' },
      ],
    });
    expect(await stored('2022-06')).toEqual([]);
    const same = await upload(csv('2022-05', CODES.slice(0, 1)), rfo, '?period=2022-05');
    expect(same.statusCode, same.body).toBe(200);
    const confirmed = await upload(file, rfo, '?period=2022-05&confirmOtherMonths=true');
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ inserted: 3 });
  });

  it('for a closed month is refused with a message saying the month is closed', async () => {
    const view = await t.app.inject({
      method: 'GET',
      url: '/api/submissions/KZ-75/2022-08',
      headers: rfo.headers,
    });
    const submit = await t.app.inject({
      method: 'POST',
      url: '/api/submissions/KZ-75/2022-08/submit',
      headers: rfo.headers,
      payload: { version: view.json().submission.version, nothingToReport: true },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const res = await upload(csv('2022-08', CODES.slice(0, 1)), rfo, '?period=2022-08');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'submission_closed' });
    expect(res.json().message).toMatch(
      /^The month is closed: KZ-75 2022-08 \(submitted\)\..*can no longer be changed/,
    );
    expect(admin).toBeTruthy();
  });
});
