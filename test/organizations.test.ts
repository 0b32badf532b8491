// The registry of organisations over HTTP: scope, BIN check digit, uniqueness, search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
});
afterAll(async () => t.close());

const post = (payload: object, headers: Record<string, string> = admin.headers) =>
  t.app.inject({ method: 'POST', url: '/api/organizations', headers, payload });
const get = (url: string, headers: Record<string, string> = admin.headers) =>
  t.app.inject({ method: 'GET', url, headers });

const validBin = withCheckDigit('04054000123') as string;
const wrongBin = validBin.slice(0, 11) + String((Number(validBin[11]) + 1) % 10);

describe('adding organisations', () => {
  it('the admin adds an NPO with a valid BIN anywhere; it is audited', async () => {
    const res = await post({
      name: '  «Жас Қанат»  Volunteers ',
      type: 'npo',
      region: 'KZ-79',
      bin: validBin,
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      name: '«Жас Қанат» Volunteers',
      type: 'npo',
      region: 'KZ-79',
      bin: validBin,
    });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'organization')
      .where('entity_id', '=', String(org.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', user_id: admin.userId });
    expect((await get(`/api/organizations/${org.id}`)).json()).toEqual(org);
  });

  it('checks the BIN: 12 digits and the check digit', async () => {
    const wrong = await post({ name: 'Wrong BIN', type: 'npo', region: 'KZ-75', bin: wrongBin });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().details).toEqual([
      expect.objectContaining({ column: 'bin', rule: 'bin_check_digit', value: wrongBin }),
    ]);
    const short = await post({ name: 'Short BIN', type: 'npo', region: 'KZ-75', bin: '12345' });
    expect(short.statusCode).toBe(422);
    expect(short.json().details[0].rule).toBe('bin_format');
    const spaced = await post({
      name: 'Spaced BIN',
      type: 'npo',
      region: 'KZ-75',
      bin: `${validBin.slice(0, 6)} ${validBin.slice(6)}`,
    });
    expect(spaced.statusCode).toBe(201);
    expect(spaced.json().bin).toBe(validBin);
    const none = await post({ name: 'No BIN group', type: 'initiative_group', region: 'KZ-75' });
    expect(none.statusCode).toBe(201);
    expect(none.json().bin).toBeNull();
    // A number whose check digit computes to 10 twice can never be valid.
    let impossible = '';
    for (let i = 0; i < 100000 && !impossible; i++) {
      const first = `0405${String(i).padStart(7, '0')}`;
      if (withCheckDigit(first) === null) impossible = `${first}0`;
    }
    expect(impossible).not.toBe('');
    expect(
      (await post({ name: 'Impossible', type: 'npo', region: 'KZ-75', bin: impossible })).statusCode,
    ).toBe(422);
  });

  it('refuses a duplicate name in the same region and type (409), allows it elsewhere', async () => {
    expect((await post({ name: 'Duplicate Test', type: 'company', region: 'KZ-75' })).statusCode).toBe(201);
    const again = await post({ name: 'duplicate   test', type: 'company', region: 'KZ-75' });
    expect(again.statusCode).toBe(409);
    expect(again.json().details[0].id).toEqual(expect.any(Number));
    expect((await post({ name: 'Duplicate Test', type: 'npo', region: 'KZ-75' })).statusCode).toBe(201);
    expect((await post({ name: 'Duplicate Test', type: 'company', region: 'KZ-71' })).statusCode).toBe(201);
  });

  it('validates type and region', async () => {
    const res = await post({ name: 'Bad', type: 'club', region: 'KZ-00' });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .details.map((d: { column: string }) => d.column)
        .sort(),
    ).toEqual(['region', 'type']);
    expect((await post({ name: '', type: 'npo', region: 'KZ-75' })).statusCode).toBe(400);
  });

  it('RFO staff add in their own region only; others may not add; no login is 401', async () => {
    expect(
      (await post({ name: 'Almaty helpers', type: 'initiative_group', region: 'KZ-75' }, rfo.headers))
        .statusCode,
    ).toBe(201);
    const other = await post(
      { name: 'Astana helpers', type: 'initiative_group', region: 'KZ-71' },
      rfo.headers,
    );
    expect(other.statusCode).toBe(403);
    for (const role of ['national_analyst', 'viewer', 'org_coordinator'] as const) {
      const u = await signIn(t, role, { region: 'KZ-75' });
      expect(
        (await post({ name: `By ${role}`, type: 'company', region: 'KZ-75' }, u.headers)).statusCode,
        role,
      ).toBe(403);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/organizations', payload: {} })).statusCode).toBe(
      401,
    );
  });
});

describe('reading the registry', () => {
  it('national staff see all regions; RFO staff only their own', async () => {
    const all = (await get('/api/organizations?limit=1000')).json();
    expect(new Set(all.items.map((o: { region: string }) => o.region)).size).toBeGreaterThan(1);
    expect(all.total).toBe(all.items.length);
    const mine = (await get('/api/organizations', rfo.headers)).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((o: { region: string }) => o.region === 'KZ-75')).toBe(true);
    expect((await get('/api/organizations?region=KZ-71', rfo.headers)).statusCode).toBe(403);
    const other = all.items.find((o: { region: string }) => o.region !== 'KZ-75');
    expect((await get(`/api/organizations/${other.id}`, rfo.headers)).statusCode).toBe(403);
    expect((await get('/api/organizations', {})).statusCode).toBe(401);
    expect((await get('/api/organizations/999999')).statusCode).toBe(404);
  });

  it('filters by region, type and text (name or BIN start); paginates', async () => {
    const byType = (await get('/api/organizations?type=company')).json();
    expect(byType.items.every((o: { type: string }) => o.type === 'company')).toBe(true);
    const byText = (await get(`/api/organizations?q=${encodeURIComponent('жас қанат')}`)).json();
    expect(byText.items.map((o: { name: string }) => o.name)).toEqual(['«Жас Қанат» Volunteers']);
    const byBin = (await get(`/api/organizations?q=${validBin.slice(0, 8)}`)).json();
    expect(byBin.total).toBe(2);
    const literal = (await get('/api/organizations?q=%25')).json();
    expect(literal.total).toBe(0);
    const page = (await get('/api/organizations?limit=2&offset=1')).json();
    expect(page.items).toHaveLength(2);
    expect(page).toMatchObject({ limit: 2, offset: 1 });
    expect((await get('/api/organizations?limit=0')).statusCode).toBe(400);
  });

  it('answers odd input with 4xx, never 500', async () => {
    expect((await get('/api/organizations/99999999999999')).statusCode).toBe(400);
    expect((await get('/api/organizations/abc')).statusCode).toBe(400);
    expect((await get('/api/organizations?offset=1e300')).statusCode).toBe(400);
    expect((await get('/api/organizations?q=%00')).statusCode).toBe(400);
    expect((await post({ name: 'a\u0000b', type: 'npo', region: 'KZ-75' })).statusCode).toBe(400);
    expect((await post({ name: 'x', type: 'npo', region: 'KZ-75', bin: 123 })).statusCode).toBe(400);
  });
});
