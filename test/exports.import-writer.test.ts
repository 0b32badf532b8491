// The bulk writer of activity imports, which the import benchmark made faster: every column lands
// where it belongs, new rows are inserted, changed rows updated (a month change refreshes both
// months' aggregates), same rows left alone; and the one-pass row-key hash gives the very keys the
// two-pass one gave, so rows imported before keep matching.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detach } from '../src/modules/imports/detach.ts';
import { runImport } from '../src/modules/imports/import.service.ts';
import {
  base36,
  FirstRows,
  HashCounter,
  hash53,
  hash53Pair,
  RowKeys,
} from '../src/modules/imports/row-keys.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let database: TestDatabase;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-writer-'));

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER =
  'region,period,organization,organization_type,organization_bin,title,area,format,kind,start_date,end_date,volunteers,hours,child,inclusive,corporate,international,silver,probono,general,rfo_support,beneficiaries,excluded,external_id,notes';
const TWIN =
  'KZ-75,2023-03,Жас Отан,npo,,Субботник,taza_alem,offline,event,2023-03-04,2023-03-04,10,25.5,,,,,,,,,,,,';
const MOVER = (period: string, hours: number) =>
  `KZ-75,${period},Жас Отан,npo,,Курсы,bilim,online,ongoing,${period}-01,${period}-28,4,${hours},1,0,0,0,0,0,3,printing|vehicles,40,,EXT-1,"a, b"`;
const OTHER =
  'KZ-75,2023-03,ТОО Альфа,company,,Донорство,saulyq,auto,development,2023-03-10,2023-03-11,2,3,,,,,2,,,,,paid,,';

let n = 0;
const load = (lines: string[]) => {
  const file = path.join(dir, `f${++n}.csv`);
  fs.writeFileSync(file, `${[HEADER, ...lines].join('\n')}\n`);
  return runImport(database, { kind: 'activities', path: file, user: null, allowClosed: true });
};
const hoursOf = async (period: string) =>
  Number(
    (
      await database.db
        .selectFrom('agg_activity')
        .select((eb) => eb.fn.sum<number>('hours').as('h'))
        .where('region', '=', 'KZ-75')
        .where('period', '=', period)
        .executeTakeFirst()
    )?.h ?? 0,
  );

describe('hash53Pair, base36, HashCounter, FirstRows', () => {
  it('give exactly what hash53 twice and toString(36) gave', () => {
    const samples = [
      '',
      'a',
      'KZ-75\u00012023-03\u0001npo\u0001жас отан',
      'Ұлытау өңірі — әлем',
      'x'.repeat(5000),
    ];
    for (let i = 0; i < 2000; i++)
      samples.push(
        Array.from({ length: i % 200 }, (_, k) => String.fromCharCode(32 + ((i * 31 + k * 7) % 1200))).join(
          '',
        ),
      );
    for (const s of samples) expect(hash53Pair(s)).toEqual([hash53(s), hash53(s, 0x9e3779b9)]);
    const numbers = [0, 1, 35, 36, 37, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1];
    for (let i = 0; i < 5000; i++) numbers.push(Math.floor(((i * 2654435761) % 2 ** 32) * 2 ** 21 + i));
    for (const x of numbers.filter((x) => x < 2 ** 53)) expect(base36(x)).toBe(x.toString(36));
  });

  it('count occurrences like a Map would, through many growths, and key rows as before', () => {
    const counter = new HashCounter();
    const reference = new Map<number, number>();
    for (let i = 0; i < 60_000; i++) {
      // Repeats, neighbours in the low bits, and the largest values.
      const h =
        i % 3 === 0
          ? 2 ** 53 - 1 - (i % 1000)
          : i % 5 === 0
            ? (i % 777) * 2 ** 32
            : hash53(String(i % 20_000));
      const n = (reference.get(h) ?? 0) + 1;
      reference.set(h, n);
      expect(counter.add(h)).toBe(n);
    }
    // The keys of the former implementation (two hash53 calls, toString(36), a Map of counts).
    const keys = new RowKeys();
    const seen = new Map<number, number>();
    for (let i = 0; i < 3000; i++) {
      const content = `KZ-75\u00012023-03\u0001${i % 700}\u0001Субботник`;
      const h1 = hash53(content);
      const n = (seen.get(h1) ?? 0) + 1;
      seen.set(h1, n);
      expect(keys.key(content)).toBe(`h:${h1.toString(36)}${hash53(content, 0x9e3779b9).toString(36)}:${n}`);
    }
  });

  it('FirstRows gives the first row of a key through many growths; detach keeps the text', () => {
    const first = new FirstRows();
    for (let i = 0; i < 30_000; i++) expect(first.firstOrSet(`KZ-75|h:${i}:1`, i + 2)).toBeUndefined();
    for (let i = 0; i < 30_000; i += 7) expect(first.firstOrSet(`KZ-75|h:${i}:1`, 99_999)).toBe(i + 2);
    expect(first.firstOrSet('KZ-79|h:0:1', 5)).toBeUndefined();
    const long = `${'Қамқор '.repeat(20)}x`.slice(3);
    expect(detach(long)).toBe(long);
    expect(detach('')).toBe('');
  });
});

describe('the activity writer', () => {
  it('inserts every column where it belongs', async () => {
    const r = await load([TWIN, TWIN, MOVER('2023-03', 50.5), OTHER]);
    expect(r).toMatchObject({ rows: 4, inserted: 4, updated: 0, unchanged: 0 });
    const rows = await database.db
      .selectFrom('activity as a')
      .innerJoin('organization as o', 'o.id', 'a.organization_id')
      .selectAll('a')
      .select(['o.name as org', 'o.type as org_type'])
      .orderBy('a.id')
      .execute();
    expect(rows.map((x) => x.row_key)).toEqual([
      expect.stringMatching(/^h:[0-9a-z]+:1$/),
      expect.stringMatching(/^h:[0-9a-z]+:2$/),
      'EXT-1',
      expect.stringMatching(/^h:[0-9a-z]+:1$/),
    ]);
    expect(rows[0]?.row_key.slice(0, -2)).toBe(rows[1]?.row_key.slice(0, -2));
    const { id, organization_id, created_at, updated_at, row_key, ...mover } =
      rows[2] as (typeof rows)[number];
    expect(mover).toEqual({
      region: 'KZ-75',
      period: '2023-03',
      org: 'Жас Отан',
      org_type: 'npo',
      title: 'Курсы',
      area: 'bilim',
      format: 'online',
      kind: 'ongoing',
      start_date: '2023-03-01',
      end_date: '2023-03-28',
      volunteers: 4,
      hours: 50.5,
      child: 1,
      inclusive: 0,
      corporate: 0,
      international: 0,
      silver: 0,
      probono: 0,
      general: 3,
      rfo_support: 'printing|vehicles',
      beneficiaries: 40,
      excluded: null,
      external_id: 'EXT-1',
      // An imported record belongs to no grant project (migration 027).
      grant_project_id: null,
      notes: 'a, b',
      import_id: r.importId,
      illustrative: 0,
      version: 1,
      // Imported: the front office's own record, not the volunteer platform's (migration 016).
      source: 'rfo',
    });
    expect(created_at).toBe(updated_at);
    expect(rows[3]).toMatchObject({ excluded: 'paid', silver: 2, child: null, general: null, notes: null });
    expect(await hoursOf('2023-03')).toBe(25.5 * 2 + 50.5); // the excluded row is left out
  });

  it('leaves the same rows alone, even in a different file', async () => {
    const r = await load([OTHER, TWIN, MOVER('2023-03', 50.5), TWIN, '']);
    expect(r).toMatchObject({ alreadyImported: false, rows: 4, inserted: 0, updated: 0, unchanged: 4 });
  });

  it('refuses an external id given twice in a region, naming the first row', async () => {
    const again = MOVER('2023-04', 61).replace('"a, b"', 'c');
    await expect(load([OTHER, MOVER('2023-04', 60), TWIN, again])).rejects.toMatchObject({
      status: 422,
      details: [
        {
          row: 5,
          column: 'external_id',
          value: 'EXT-1',
          rule: 'duplicate_external_id',
          message: 'external_id EXT-1 is also on row 3',
        },
      ],
    });
  });

  it('updates a changed row in place, moves it to its new month, inserts the new one', async () => {
    const r = await load([TWIN, TWIN, TWIN, MOVER('2023-04', 60), OTHER]);
    expect(r).toMatchObject({ rows: 5, inserted: 1, updated: 1, unchanged: 3 });
    const moved = await database.db
      .selectFrom('activity')
      .select(['period', 'hours', 'version', 'start_date'])
      .where('row_key', '=', 'EXT-1')
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ period: '2023-04', hours: 60, version: 2, start_date: '2023-04-01' });
    expect(await hoursOf('2023-03')).toBe(25.5 * 3);
    expect(await hoursOf('2023-04')).toBe(60);
    expect(
      await database.db
        .selectFrom('activity')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    ).toEqual({
      n: 5,
    });
  });
});
