// Reference data over HTTP: public reading, changes by the national admin only, validated and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceSnapshot } from '../src/modules/reference/reference.snapshot.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
});
afterAll(async () => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const write = (
  method: 'PUT' | 'POST',
  url: string,
  payload: unknown,
  headers: Record<string, string> = admin.headers,
) => t.app.inject({ method, url, headers, payload: payload as object });
const auditOf = (entity: string, entityId: string) =>
  t.database.db
    .selectFrom('audit_log')
    .select(['action', 'field', 'old_value', 'new_value', 'user_id'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();

describe('territories', () => {
  it('has the 17 units of the 2022 map and the 20 current ones, with the lineage', async () => {
    const m2022 = (await get('/api/reference/territories?map=2022')).json();
    expect(m2022).toHaveLength(17);
    expect(m2022.map((u: { code: string }) => u.code)).not.toContain('KZ-10');
    const current = (await get('/api/reference/territories?map=current&lang=en')).json();
    expect(current).toHaveLength(20);
    const abai = current.find((u: { code: string }) => u.code === 'KZ-10');
    expect(abai).toMatchObject({
      predecessors: ['KZ-63'],
      successors: [],
      validFrom: '2022-06-08',
      kind: 'region',
    });
    expect(abai.name).toBe(abai.nameEn);
    const east = current.find((u: { code: string }) => u.code === 'KZ-63');
    expect(east.successors).toEqual(['KZ-10']);
    const ru = (await get('/api/reference/territories?map=current&lang=ru')).json();
    expect(ru.find((u: { code: string }) => u.code === 'KZ-75').name).toBe(
      ru.find((u: { code: string }) => u.code === 'KZ-75').nameRu,
    );
    expect((await get('/api/reference/territories')).json()).toHaveLength(20);
    expect((await get('/api/reference/territories?map=2023')).json()).toHaveLength(20);
    expect((await get('/api/reference/territories?map=yesterday')).statusCode).toBe(400);
    expect((await get('/api/reference/territories?lang=de')).statusCode).toBe(400);
  });

  it('lets the admin rename a unit; the new name resolves in imports and the change is audited', async () => {
    const res = await write('PUT', '/api/reference/territories/KZ-62', { nameEn: 'Ulytau Region' });
    expect(res.statusCode).toBe(200);
    expect(res.json().nameEn).toBe('Ulytau Region');
    const audit = await auditOf('territory_unit', 'KZ-62');
    expect(audit).toEqual([
      {
        action: 'update',
        field: 'name_en',
        old_value: expect.any(String),
        new_value: 'Ulytau Region',
        user_id: admin.userId,
      },
    ]);
    const snapshot = await loadReferenceSnapshot(t.database.db);
    expect(snapshot.aliases['ulytau region']).toBe('KZ-62');
    expect((await write('PUT', '/api/reference/territories/KZ-99', { nameEn: 'X' })).statusCode).toBe(404);
    expect((await write('PUT', '/api/reference/territories/KZ-62', { nameEn: '  ' })).statusCode).toBe(400);
  });
});

describe('code lists', () => {
  it('lists all code lists and one list, names in lang', async () => {
    const all = (await get('/api/reference/code-lists?lang=ru')).json();
    for (const list of ['area', 'format', 'kind', 'cohort', 'organization_type', 'exclusion_reason', 'role'])
      expect(all[list]?.length, list).toBeGreaterThan(0);
    expect(all.area).toHaveLength(11);
    expect(all.area[0]).toMatchObject({ active: true, name: all.area[0].nameRu });
    const one = await get('/api/reference/code-lists/format?lang=en');
    expect(one.json().map((i: { code: string }) => i.code)).toEqual(['offline', 'online', 'auto']);
    expect((await get('/api/reference/code-lists/nonsense')).statusCode).toBe(404);
    expect((await get('/api/reference/code-lists/Bad-List')).statusCode).toBe(400);
  });

  it('the admin changes a name: the value changes and the audit keeps old and new', async () => {
    const before = (await get('/api/reference/code-lists/format')).json()[0];
    const res = await write('PUT', '/api/reference/code-lists/format/offline', {
      nameKk: before.nameKk,
      nameRu: 'Очно',
      nameEn: before.nameEn,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: 'offline', nameRu: 'Очно', active: true, sort: before.sort });
    const after = (await get('/api/reference/code-lists/format?lang=ru')).json()[0];
    expect(after.name).toBe('Очно');
    expect(await auditOf('code_list_item', 'format:offline')).toEqual([
      {
        action: 'update',
        field: 'name_ru',
        old_value: before.nameRu,
        new_value: 'Очно',
        user_id: admin.userId,
      },
    ]);
  });

  it('a new code is valid for imports at once; deactivating keeps it readable but not valid', async () => {
    const item = { nameKk: 'Спорт', nameRu: 'Спорт', nameEn: 'Sport' };
    const created = await write('PUT', '/api/reference/code-lists/area/sport', item);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'sport', active: true, sort: 12 });
    expect((await loadReferenceSnapshot(t.database.db)).codes.area).toContain('sport');
    const audit = await auditOf('code_list_item', 'area:sport');
    expect(audit[0]).toMatchObject({ action: 'create', user_id: admin.userId });
    expect(JSON.parse(audit[0]?.new_value as string)).toMatchObject({ code: 'sport', name_en: 'Sport' });

    const off = await write('PUT', '/api/reference/code-lists/area/sport', { ...item, active: 0 });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await loadReferenceSnapshot(t.database.db)).codes.area).not.toContain('sport');
    const listed = (await get('/api/reference/code-lists/area')).json();
    expect(listed.find((i: { code: string }) => i.code === 'sport')).toMatchObject({
      active: false,
      nameEn: 'Sport',
    });
    expect((await auditOf('code_list_item', 'area:sport'))[1]).toMatchObject({
      field: 'active',
      old_value: '1',
      new_value: '0',
    });

    const post = await write('POST', '/api/reference/code-lists/area', { code: 'sport', ...item });
    expect(post.statusCode).toBe(409);
    expect(post.json()).toMatchObject({ error: 'code_exists', details: [{ value: 'sport', list: 'area' }] });
    const post2 = await write('POST', '/api/reference/code-lists/format', {
      code: 'hybrid',
      nameKk: 'Аралас',
      nameRu: 'Смешанный',
      nameEn: 'Hybrid',
      attrs: { note: 'x' },
    });
    expect(post2.statusCode).toBe(201);
    expect(post2.json().attrs).toEqual({ note: 'x' });
  });

  it('validates codes, names and lists', async () => {
    const item = { nameKk: 'А', nameRu: 'Б', nameEn: 'C' };
    expect((await write('PUT', '/api/reference/code-lists/area/Bad-Code', item)).statusCode).toBe(400);
    expect(
      (await write('PUT', '/api/reference/code-lists/area/ok_code', { ...item, nameEn: '' })).statusCode,
    ).toBe(400);
    expect(
      (await write('PUT', '/api/reference/code-lists/area/ok_code', { nameKk: 'А', nameRu: 'Б' })).statusCode,
    ).toBe(400);
    expect((await write('PUT', '/api/reference/code-lists/no_such_list/x', item)).statusCode).toBe(404);
    const role = await write('PUT', '/api/reference/code-lists/role/superuser', item);
    expect(role.statusCode).toBe(422);
    expect(role.json().details[0].rule).toBe('role_fixed');
  });

  it('refuses changes to everyone but the national admin (403) and without login (401)', async () => {
    const item = { nameKk: 'А', nameRu: 'Б', nameEn: 'C' };
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/reference/code-lists/area/x', payload: item }))
        .statusCode,
    ).toBe(401);
    for (const role of ['national_analyst', 'rfo', 'org_coordinator', 'viewer'] as const) {
      const u = await signIn(t, role);
      expect(
        (await write('PUT', '/api/reference/code-lists/area/umit', item, u.headers)).statusCode,
        role,
      ).toBe(403);
      expect(
        (
          await write(
            'PUT',
            '/api/reference/population',
            { region: 'KZ-75', year: 2024, population: 1, source: 's' },
            u.headers,
          )
        ).statusCode,
        role,
      ).toBe(403);
      expect(
        (await write('PUT', '/api/reference/territories/KZ-75', { nameEn: 'X' }, u.headers)).statusCode,
        role,
      ).toBe(403);
    }
    expect(
      (await get('/api/reference/code-lists/area')).json().find((i: { code: string }) => i.code === 'umit')
        .nameRu,
    ).not.toBe('Б');
  });
});

describe('population, wages, working time', () => {
  it('reads the loaded figures publicly', async () => {
    const pop = (await get('/api/reference/population?year=2022')).json();
    expect(pop).toHaveLength(20);
    expect(pop[0]).toEqual({
      region: expect.any(String),
      year: 2022,
      population: expect.any(Number),
      source: expect.any(String),
    });
    const wages = (await get('/api/reference/wages?year=2022')).json();
    expect(wages.find((w: { region: string }) => w.region === '')).toMatchObject({
      activity: '',
      monthlyWageKzt: expect.any(Number),
    });
    const wt = (await get('/api/reference/working-time?year=2022')).json();
    expect(wt).toEqual([expect.objectContaining({ year: 2022, fteHours: 1816 })]);
  });

  it('the admin updates and adds population rows, audited with old and new value', async () => {
    const [old] = (await get('/api/reference/population?year=2023&region=KZ-75')).json();
    const res = await write('PUT', '/api/reference/population', [
      { region: 'KZ-75', year: 2023, population: old.population + 1000, source: old.source },
      {
        region: 'KZ-75',
        year: 2024,
        population: 2_300_000,
        source: 'Bureau of National Statistics (1.1.2024)',
      },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    const [now] = (await get('/api/reference/population?year=2023&region=KZ-75')).json();
    expect(now.population).toBe(old.population + 1000);
    expect(await auditOf('population', 'KZ-75:2023')).toEqual([
      {
        action: 'update',
        field: 'population',
        old_value: String(old.population),
        new_value: String(old.population + 1000),
        user_id: admin.userId,
      },
    ]);
    expect((await auditOf('population', 'KZ-75:2024'))[0]?.action).toBe('create');
    const again = await write('POST', '/api/reference/population', {
      region: 'KZ-75',
      year: 2024,
      population: 2_300_000,
      source: 'Bureau of National Statistics (1.1.2024)',
    });
    expect(again.json()).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
  });

  it('refuses bad rows with nothing written', async () => {
    const bad = [
      { region: 'KZ-75', year: 2025, population: 5, source: 's' },
      { region: 'KZ-99', year: 2025, population: 5, source: 's' },
    ];
    const res = await write('PUT', '/api/reference/population', bad);
    expect(res.statusCode).toBe(422);
    expect(res.json().details).toEqual([
      expect.objectContaining({ row: 2, column: 'region', value: 'KZ-99', rule: 'region_exists' }),
    ]);
    expect((await get('/api/reference/population?year=2025')).json()).toEqual([]);
    for (const row of [
      { region: 'KZ-75', year: 2025, population: -5, source: 's' },
      { region: 'KZ-75', year: 2025, population: 0, source: 's' },
      { region: 'KZ-75', year: 1800, population: 5, source: 's' },
      { region: 'KZ-75', year: 2025, population: 5, source: '' },
      { region: 'KZ-75', year: 2025, population: 'many', source: 's' },
    ])
      expect((await write('PUT', '/api/reference/population', row)).statusCode, JSON.stringify(row)).toBe(
        400,
      );
    const dup = await write('PUT', '/api/reference/population', [bad[0], bad[0]]);
    expect(dup.statusCode).toBe(422);
    expect((await write('PUT', '/api/reference/population', [])).statusCode).toBe(400);
    expect(
      (
        await write('PUT', '/api/reference/population', {
          region: 'KZ-75',
          year: 2025,
          population: 1e15,
          source: 's',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await write('PUT', '/api/reference/population', {
          region: 'KZ-75',
          year: 2025,
          population: 5,
          source: 's\u0000',
        })
      ).statusCode,
    ).toBe(400);
    expect((await get('/api/reference/population?region=%00')).statusCode).toBe(400);
    expect((await get('/api/reference/population?year=abc')).statusCode).toBe(400);
  });

  it('wages: national and regional rows, by activity; positive numbers only', async () => {
    const res = await write('PUT', '/api/reference/wages', [
      { region: '', activity: '', year: 2023, monthlyWageKzt: 360000, source: 'BNS 2023' },
      { region: 'KZ-75', activity: 'education', year: 2023, monthlyWageKzt: 300000.5, source: 'BNS 2023' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().inserted).toBe(2);
    const rows = (await get('/api/reference/wages?year=2023&region=KZ-75')).json();
    expect(rows).toEqual([
      { region: 'KZ-75', activity: 'education', year: 2023, monthlyWageKzt: 300000.5, source: 'BNS 2023' },
    ]);
    expect(
      (
        await write('PUT', '/api/reference/wages', {
          region: '',
          year: 2023,
          monthlyWageKzt: -1,
          source: 's',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await write('PUT', '/api/reference/wages', {
          region: '',
          activity: 'Bad Code',
          year: 2023,
          monthlyWageKzt: 1,
          source: 's',
        })
      ).statusCode,
    ).toBe(400);
    const upd = await write('PUT', '/api/reference/wages', {
      region: '',
      year: 2023,
      monthlyWageKzt: 365000,
      source: 'BNS 2023',
    });
    expect(upd.json()).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await auditOf('wage', '::2023')).toEqual([
      expect.objectContaining({ action: 'create' }),
      expect.objectContaining({ field: 'monthly_wage_kzt', old_value: '360000', new_value: '365000' }),
    ]);
  });

  it('working time: the admin sets the FTE hours of a year', async () => {
    const res = await write('PUT', '/api/reference/working-time', {
      year: 2022,
      monthlyHours: 166.6,
      annualHours: 1999,
      source: 'Labour code',
      fteHours: 1800,
    });
    expect(res.statusCode).toBe(200);
    const [row] = (await get('/api/reference/working-time?year=2022')).json();
    expect(row).toMatchObject({ fteHours: 1800, annualHours: 1999, fteSource: expect.any(String) });
    const audit = await auditOf('working_time', '2022');
    expect(audit.find((a) => a.field === 'fte_hours')).toMatchObject({
      old_value: '1816',
      new_value: '1800',
    });
    expect(
      (
        await write('PUT', '/api/reference/working-time', {
          year: 2022,
          monthlyHours: 200,
          annualHours: 100,
          source: 's',
        })
      ).statusCode,
    ).toBe(422);
  });
});

describe('OpenAPI', () => {
  it('documents the reference, users and auth routes', async () => {
    const doc = (await get('/api/docs/json')).json();
    for (const p of [
      '/api/reference/territories',
      '/api/reference/code-lists/{list}/{code}',
      '/api/users',
      '/api/auth/login',
    ])
      expect(doc.paths[p], p).toBeDefined();
  });
});
