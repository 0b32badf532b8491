// Into the statistics (issue 11 item 6, DOMAIN.md §7): the hours confirmed on the platform are one
// activity record per opportunity and month (Kazakhstan time), source platform, kept with the
// aggregates and audited; read-only for the front office; `platform:` external ids reserved; a
// month already submitted or accepted marked restated (review, audit, data quality).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshAllPlatformRecords } from '../src/modules/platform-stats/platform-stats.service.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import {
  attend,
  type Coordinator,
  platformOrganisation,
  publishedOpportunity,
  refresh,
  volunteer,
} from './helpers/platform-hours.ts';

let t: TestApp;
let admin: SignedIn;
let rfo: SignedIn;
let coord: Coordinator;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  coord = await platformOrganisation(t, admin, 'KZ-75', 'Green City Volunteers');
});
afterAll(async () => t?.close());

const get = (url: string, who: SignedIn | null = admin) =>
  t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });

async function recordsOf(period: string, region = 'KZ-75') {
  const res = await get(`/api/activities?region=${region}&period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Record<string, any>[];
}

async function totalsOf(period: string, region = 'KZ-75') {
  const res = await get(`/api/submissions/${region}/${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().totals as { events: number; volunteers: number; hours: number };
}

const audits = (entity: string, action: string, region = 'KZ-75', period?: string) => {
  let q = t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('action', '=', action)
    .where('region', '=', region);
  if (period) q = q.where('period', '=', period);
  return q.orderBy('id').execute();
};

describe('confirmed hours become the month’s record', () => {
  it('one record per opportunity and month: organiser, area, dates, volunteers, hours, cohorts; aggregates follow', async () => {
    const opp = await publishedOpportunity(t, coord, [
      { start: '2027-03-05T05:00:00.000Z', end: '2027-03-05T09:00:00.000Z' },
      { start: '2027-03-12T05:00:00.000Z', end: '2027-03-12T09:00:00.000Z' },
      { start: '2027-04-02T05:00:00.000Z', end: '2027-04-02T08:00:00.000Z' },
    ]);
    const [s1, s2, s3] = opp.shifts as [any, any, any];
    const v1 = await volunteer(t);
    const v2 = await volunteer(t);
    const v3 = await volunteer(t);
    // v1 twice in March: once among the volunteers, by the cohort of his first shift (child).
    await attend(t, opp.id, s1, v1, { hours: 4, cohort: 'child' });
    await attend(t, opp.id, s2, v1, { hours: 3.5, cohort: 'general' });
    await attend(t, opp.id, s1, v2, { hours: 4, cohort: 'silver' });
    await attend(t, opp.id, s3, v3, { hours: 3, cohort: 'inclusive' });
    // Not confirmed hours: not counted.
    await attend(t, opp.id, s2, v2, { hours: 0, status: 'no_show' });
    await attend(t, opp.id, s2, v3, { hours: 0, status: 'accepted' });
    const before = await totalsOf('2027-03');
    await refresh(t, opp.id, opp.shifts, coord.orgId);

    const march = (await recordsOf('2027-03')).filter((r) => r.source === 'platform');
    expect(march).toHaveLength(1);
    expect(march[0]).toMatchObject({
      source: 'platform',
      external_id: `platform:${opp.id}:2027-03`,
      region: 'KZ-75',
      period: '2027-03',
      organization: 'Green City Volunteers',
      organization_type: 'npo',
      title: 'Park clean-up',
      area: 'bilim',
      format: 'offline',
      kind: 'ongoing',
      start_date: '2027-03-05',
      end_date: '2027-03-12',
      volunteers: 2,
      hours: 11.5,
      child: 1,
      silver: 1,
      inclusive: 0,
      general: 0,
      rfo_support: null,
      beneficiaries: null,
      excluded: null,
    });
    const april = (await recordsOf('2027-04')).filter((r) => r.source === 'platform');
    expect(april[0]).toMatchObject({
      external_id: `platform:${opp.id}:2027-04`,
      kind: 'event',
      start_date: '2027-04-02',
      end_date: '2027-04-02',
      volunteers: 1,
      hours: 3,
      inclusive: 1,
    });
    // The aggregates the reports read moved by the record.
    const after = await totalsOf('2027-03');
    expect(after.events).toBe(before.events + 1);
    expect(after.hours).toBeCloseTo(before.hours + 11.5, 5);
    expect(after.volunteers).toBe(before.volunteers + 2);
    // Audited as a creation of the platform.
    const created = await audits('activity', 'create', 'KZ-75', '2027-03');
    expect(created.at(-1)).toMatchObject({ entity_id: String(march[0]?.id), note: 'platform' });
    expect(JSON.parse(created.at(-1)?.new_value ?? '{}')).toMatchObject({ hours: 11.5, volunteers: 2 });

    // Nothing changed: nothing written, nothing audited.
    const n = (await t.database.db.selectFrom('audit_log').select('id').execute()).length;
    await refresh(t, opp.id, opp.shifts);
    expect((await t.database.db.selectFrom('audit_log').select('id').execute()).length).toBe(n);

    // A correction changes the row (audited field by field); a revocation of every hour deletes it.
    await t.database.db
      .updateTable('application')
      .set({ hours: 2 })
      .where('volunteer_id', '=', v2)
      .where('shift_id', '=', s1.id)
      .execute();
    await refresh(t, opp.id, [s1]);
    const corrected = (await recordsOf('2027-03')).find((r) => r.source === 'platform');
    expect(corrected).toMatchObject({ hours: 9.5, volunteers: 2, version: 2 });
    const updates = await audits('activity', 'update', 'KZ-75', '2027-03');
    expect(updates.at(-1)).toMatchObject({ field: 'hours', old_value: '11.5', new_value: '9.5' });
    expect((await totalsOf('2027-03')).hours).toBeCloseTo(before.hours + 9.5, 5);

    await t.database.db
      .updateTable('application')
      .set({ revoked_at: new Date().toISOString() })
      .where('shift_id', '=', s3.id)
      .execute();
    await refresh(t, opp.id, [s3]);
    expect((await recordsOf('2027-04')).filter((r) => r.source === 'platform')).toHaveLength(0);
    expect((await audits('activity', 'delete', 'KZ-75', '2027-04')).length).toBe(1);
    expect((await totalsOf('2027-04')).hours).toBe(0);
  });

  it('months are Kazakhstan time: a shift starting at 21:00 UTC on 31 January is on 1 February', async () => {
    const opp = await publishedOpportunity(t, coord, [
      { start: '2027-01-31T21:00:00.000Z', end: '2027-01-31T23:00:00.000Z' },
    ]);
    await attend(t, opp.id, opp.shifts[0] as any, await volunteer(t), { hours: 2 });
    await refresh(t, opp.id, opp.shifts);
    expect((await recordsOf('2027-01')).filter((r) => r.source === 'platform')).toHaveLength(0);
    const feb = (await recordsOf('2027-02')).find((r) => r.external_id === `platform:${opp.id}:2027-02`);
    expect(feb).toMatchObject({
      period: '2027-02',
      start_date: '2027-02-01',
      end_date: '2027-02-01',
      hours: 2,
    });
  });

  it('two confirmations of one month at once: one record with both', async () => {
    const opp = await publishedOpportunity(t, coord, [
      { start: '2027-10-05T05:00:00.000Z', end: '2027-10-05T09:00:00.000Z' },
      { start: '2027-10-06T05:00:00.000Z', end: '2027-10-06T09:00:00.000Z' },
    ]);
    await attend(t, opp.id, opp.shifts[0] as any, await volunteer(t), { hours: 4 });
    await attend(t, opp.id, opp.shifts[1] as any, await volunteer(t), { hours: 3 });
    await Promise.all([
      refresh(t, opp.id, [opp.shifts[0] as any]),
      refresh(t, opp.id, [opp.shifts[1] as any]),
    ]);
    const recs = (await recordsOf('2027-10')).filter((r) => r.source === 'platform');
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({ volunteers: 2, hours: 7, kind: 'ongoing' });
    expect((await totalsOf('2027-10')).hours).toBe(7);
  });

  it('a change of the opportunity itself: every month of it recomputed (refreshAllPlatformRecords)', async () => {
    const opp = await publishedOpportunity(t, coord, [
      { start: '2027-11-05T05:00:00.000Z', end: '2027-11-05T09:00:00.000Z' },
      { start: '2027-12-05T05:00:00.000Z', end: '2027-12-05T09:00:00.000Z' },
    ]);
    await attend(t, opp.id, opp.shifts[0] as any, await volunteer(t), { hours: 4 });
    await attend(t, opp.id, opp.shifts[1] as any, await volunteer(t), { hours: 4 });
    await refresh(t, opp.id, opp.shifts);
    await t.database.db
      .updateTable('opportunity')
      .set({ title: 'Park clean-up, renamed' })
      .where('id', '=', opp.id)
      .execute();
    await t.database.db
      .transaction()
      .execute((trx) =>
        refreshAllPlatformRecords(trx, opp.id, { userId: null, now: new Date().toISOString() }),
      );
    for (const m of ['2027-11', '2027-12'])
      expect((await recordsOf(m)).find((r) => r.external_id === `platform:${opp.id}:${m}`)?.title).toBe(
        'Park clean-up, renamed',
      );
  });

  it('an organiser of type company gets its records under its type', async () => {
    const company = await platformOrganisation(t, admin, 'KZ-75', 'Steppe Telecom', 'company');
    const opp = await publishedOpportunity(t, company, [
      { start: '2027-05-05T05:00:00.000Z', end: '2027-05-05T07:00:00.000Z' },
    ]);
    await attend(t, opp.id, opp.shifts[0] as any, await volunteer(t), { hours: 2, cohort: 'corporate' });
    await refresh(t, opp.id, opp.shifts);
    const rec = (await recordsOf('2027-05')).find((r) => r.source === 'platform');
    expect(rec).toMatchObject({ organization: 'Steppe Telecom', organization_type: 'company', corporate: 1 });
  });
});

describe('the front office cannot change a platform record', () => {
  it('PUT, PATCH and DELETE are 409 platform_record_readonly; the record stays', async () => {
    const opp = await publishedOpportunity(t, coord, [
      { start: '2027-06-05T05:00:00.000Z', end: '2027-06-05T09:00:00.000Z' },
    ]);
    await attend(t, opp.id, opp.shifts[0] as any, await volunteer(t), { hours: 4 });
    await refresh(t, opp.id, opp.shifts);
    const rec = (await recordsOf('2027-06')).find((r) => r.source === 'platform') as Record<string, any>;
    for (const who of [rfo, admin]) {
      const put = await t.app.inject({
        method: 'PUT',
        url: `/api/activities/${rec.id}`,
        headers: who.headers,
        payload: {
          region: 'KZ-75',
          period: '2027-06',
          organization: rec.organization,
          organization_type: 'npo',
          title: 'Changed',
          area: 'bilim',
          format: 'offline',
          kind: 'event',
          start_date: '2027-06-05',
          end_date: '2027-06-05',
          volunteers: 1,
          hours: 8,
          version: rec.version,
        },
      });
      expect(put.statusCode, put.body).toBe(409);
      expect(put.json().error).toBe('platform_record_readonly');
      const patch = await t.app.inject({
        method: 'PATCH',
        url: `/api/activities/${rec.id}`,
        headers: who.headers,
        payload: { hours: 8, version: rec.version },
      });
      expect(patch.statusCode).toBe(409);
      expect(patch.json().error).toBe('platform_record_readonly');
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/activities/${rec.id}?version=${rec.version}`,
        headers: who.headers,
      });
      expect(del.statusCode).toBe(409);
      expect(del.json().error).toBe('platform_record_readonly');
    }
    const still = (await get(`/api/activities/${rec.id}`)).json();
    expect(still).toMatchObject({ hours: 4, version: rec.version, title: 'Park clean-up' });
  });

  it('an external id starting with platform: is refused by the API and by the import', async () => {
    const body = {
      region: 'KZ-75',
      period: '2027-06',
      organization: 'Hand Entered NPO',
      organization_type: 'npo',
      title: 'Forged',
      area: 'bilim',
      format: 'offline',
      kind: 'event',
      start_date: '2027-06-05',
      end_date: '2027-06-05',
      volunteers: 1,
      hours: 2,
      external_id: 'platform:1:2027-06',
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: rfo.headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ column: 'external_id', rule: 'reserved_external_id' }),
      ]),
    );
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers: rfo.headers,
      payload: { ...body, external_id: 'my-platform:1' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/activities/${ok.json().id}`,
      headers: rfo.headers,
      payload: { external_id: 'PLATFORM:9:2027-06', version: 1 },
    });
    expect(patch.statusCode).toBe(422);

    const csv =
      'region,period,organization,organization_type,title,area,format,kind,start_date,end_date,volunteers,hours,external_id\n' +
      'KZ-75,2027-06,Hand Entered NPO,npo,Forged,bilim,offline,event,2027-06-05,2027-06-05,1,2,platform:7:2027-06\n';
    const boundary = `----birgemiz${randomBytes(8).toString('hex')}`;
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/imports/activities',
      headers: { ...rfo.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="activities.csv"\r\n` +
          `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
      ),
    });
    expect(imp.statusCode, imp.body).toBe(422);
    expect(JSON.stringify(imp.json())).toContain('reserved_external_id');
  });

  it('the monthly export carries the platform records with their external id; imported back they are left as they are, changed they are refused', async () => {
    const res = await get('/api/exports/activities?year=2027&region=KZ-75&format=csv', rfo);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toMatch(/platform:\d+:2027-06/);
    const june = res.body
      .split('\n')
      .filter((l, i) => i === 0 || l.includes(',2027-06,'))
      .join('\n');
    const platformLines = june.split('\n').filter((l) => /platform:\d+:2027-06/.test(l));
    expect(platformLines.length).toBe(1);
    const upload = (csv: string) => {
      const boundary = `----birgemiz${randomBytes(8).toString('hex')}`;
      return t.app.inject({
        method: 'POST',
        url: '/api/imports/activities',
        headers: { ...rfo.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="activities.csv"\r\n` +
            `Content-Type: text/csv\r\n\r\n${csv}\n\r\n--${boundary}--\r\n`,
        ),
      });
    };
    const rows = june.split('\n').length - 1;
    const back = await upload(june);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ inserted: 0, updated: 0, unchanged: rows });
    // The platform's row changed in the file (its title): refused, nothing written.
    const changed = june.replace('Park clean-up', 'Park clean-up (edited)');
    expect(changed).not.toBe(june);
    const refused = await upload(changed);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(JSON.stringify(refused.json())).toContain('reserved_external_id');
    const rec = (await recordsOf('2027-06')).find((r) => r.source === 'platform');
    expect(rec?.title).toBe('Park clean-up');
  });
});

describe('a month already submitted or accepted is restated', () => {
  it('the record changes, the submission is marked restated with before and after totals in the audit', async () => {
    const opp = await publishedOpportunity(t, coord, [
      { start: '2027-07-05T05:00:00.000Z', end: '2027-07-05T09:00:00.000Z' },
    ]);
    await attend(t, opp.id, opp.shifts[0] as any, await volunteer(t), { hours: 4 });
    await refresh(t, opp.id, opp.shifts);
    // Still a draft: not restated.
    let review = (await get('/api/submissions/KZ-75/2027-07')).json();
    expect(review.platform.restatedAt).toBeNull();
    const submittedAt = new Date(Date.now() - 60_000).toISOString();
    await t.database.db
      .updateTable('submission')
      .set({
        status: 'accepted',
        submitted_at: submittedAt,
        last_submitted_at: submittedAt,
        reviewed_at: submittedAt,
      })
      .where('region', '=', 'KZ-75')
      .where('period', '=', '2027-07')
      .execute();
    await attend(t, opp.id, opp.shifts[0] as any, await volunteer(t), { hours: 3 });
    await refresh(t, opp.id, opp.shifts, coord.orgId);

    const sub = await t.database.db
      .selectFrom('submission')
      .selectAll()
      .where('region', '=', 'KZ-75')
      .where('period', '=', '2027-07')
      .executeTakeFirstOrThrow();
    expect(sub.status).toBe('accepted');
    expect(sub.restated_at).not.toBeNull();
    const restated = await audits('submission', 'restated', 'KZ-75', '2027-07');
    expect(restated).toHaveLength(1);
    expect(JSON.parse(restated[0]?.old_value ?? '{}')).toMatchObject({
      status: 'accepted',
      hours: 4,
      volunteers: 1,
    });
    expect(JSON.parse(restated[0]?.new_value ?? '{}')).toMatchObject({
      status: 'accepted',
      hours: 7,
      volunteers: 2,
    });
    expect(restated[0]?.note).toBe(`platform:${opp.id}:2027-07`);

    review = (await get('/api/submissions/KZ-75/2027-07', rfo)).json();
    expect(review.platform.restatedAt).toBe(sub.restated_at);
    expect(review.platform.restatedAfter).toBe('accepted');
    expect(review.totals.hours).toBe(7);

    // An accepted month is in the public figures: the platform's hours are in the dashboard.
    const dash = (await get('/api/dashboard?year=2027&region=KZ-75&lang=en', null)).json();
    expect(dash.key.hours).toBe(7);

    // The audit trail shows it to the region's front office.
    const trail = await get('/api/audit?entity=submission&region=KZ-75', rfo);
    expect(trail.statusCode, trail.body).toBe(200);
    expect(JSON.stringify(trail.json())).toContain('restated');

    // Data quality counts the restated months.
    const q = await get('/api/reports/data-quality/2027?lang=en');
    expect(q.statusCode, q.body).toBe(200);
    const region = q.json().regions.find((r: any) => r.region === 'KZ-75');
    expect(region.restatedMonths).toBe(1);
    expect(q.json().national.restatedMonths).toBe(1);
  });
});

describe('the month’s review: a second source of volunteers, probable duplicates', () => {
  it('shows the platform’s unique active volunteers by gender, age band and employment beside the RFO’s stock figures, never added', async () => {
    const a = await publishedOpportunity(t, coord, [
      { start: '2027-08-05T05:00:00.000Z', end: '2027-08-05T09:00:00.000Z' },
    ]);
    const b = await publishedOpportunity(
      t,
      coord,
      [{ start: '2027-08-20T05:00:00.000Z', end: '2027-08-20T09:00:00.000Z' }],
      {
        title: 'Book drive',
      },
    );
    const v1 = await volunteer(t);
    const v2 = await volunteer(t);
    const v3 = await volunteer(t);
    // v1 in both: counted once, by his earliest confirmed shift's snapshot.
    await attend(t, a.id, a.shifts[0] as any, v1, {
      hours: 4,
      gender: 'male',
      ageBand: 'under_18',
      employment: 'schoolchild',
    });
    await attend(t, b.id, b.shifts[0] as any, v1, {
      hours: 4,
      gender: 'male',
      ageBand: '18_29',
      employment: 'student',
    });
    await attend(t, a.id, a.shifts[0] as any, v2, {
      hours: 4,
      gender: 'female',
      ageBand: '18_29',
      employment: 'student',
    });
    await attend(t, b.id, b.shifts[0] as any, v3, {
      hours: 4,
      gender: 'female',
      ageBand: '30_retirement',
      employment: 'employed',
    });
    await refresh(t, a.id, a.shifts);
    await refresh(t, b.id, b.shifts);
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('volunteer_stat')
      .values(
        [
          ['total', '', 100],
          ['gender', 'male', 40],
          ['gender', 'female', 60],
        ].map(([dimension, category, volunteers]) => ({
          region: 'KZ-75',
          period: '2027-H2',
          dimension: dimension as string,
          category: category as string,
          volunteers: volunteers as number,
          illustrative: 0,
          updated_at: now,
        })),
      )
      .execute();
    const review = (await get('/api/submissions/KZ-75/2027-08', rfo)).json();
    expect(review.platform.records).toBe(2);
    expect(review.platform.hours).toBe(16);
    expect(review.platform.secondSource.platform).toEqual({
      volunteers: 3,
      gender: [
        { category: 'female', volunteers: 2 },
        { category: 'male', volunteers: 1 },
      ],
      ageBand: [
        { category: '18_29', volunteers: 1 },
        { category: '30_retirement', volunteers: 1 },
        { category: 'under_18', volunteers: 1 },
      ],
      employment: [
        { category: 'employed', volunteers: 1 },
        { category: 'schoolchild', volunteers: 1 },
        { category: 'student', volunteers: 1 },
      ],
    });
    expect(review.platform.secondSource.rfo).toMatchObject({
      period: '2027-H2',
      volunteers: 100,
      gender: [
        { category: 'female', volunteers: 60 },
        { category: 'male', volunteers: 40 },
      ],
    });
    // The records' volunteers (1 + 2 + ... per record) are the totals; the stock stays the RFO's.
    expect(review.totals.volunteers).toBe(4);
    const stock = (await get('/api/volunteers/KZ-75/2027-H2', rfo)).json();
    expect(JSON.stringify(stock)).toContain('100');
  });

  it('flags a platform record and an RFO record of the same organiser, overlapping dates and a similar title; the RFO resolves it', async () => {
    const opp = await publishedOpportunity(
      t,
      coord,
      [
        { start: '2027-09-04T04:00:00.000Z', end: '2027-09-04T08:00:00.000Z' },
        { start: '2027-09-05T04:00:00.000Z', end: '2027-09-05T08:00:00.000Z' },
      ],
      { title: 'Городской субботник в парке' },
    );
    await attend(t, opp.id, opp.shifts[0] as any, await volunteer(t), { hours: 4 });
    await attend(t, opp.id, opp.shifts[1] as any, await volunteer(t), { hours: 4 });
    await refresh(t, opp.id, opp.shifts);
    const entered = async (
      title: string,
      start: string,
      end: string,
      organization = 'Green City Volunteers',
    ) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/activities',
        headers: rfo.headers,
        payload: {
          region: 'KZ-75',
          period: '2027-09',
          organization,
          organization_type: 'npo',
          title,
          area: 'bilim',
          format: 'offline',
          kind: 'event',
          start_date: start,
          end_date: end,
          volunteers: 2,
          hours: 8,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: number; version: number };
    };
    const same = await entered('Субботник городской', '2027-09-05', '2027-09-05');
    const alsoSame = await entered('Субботника в парке', '2027-09-01', '2027-09-04');
    await entered('Сбор книг', '2027-09-05', '2027-09-05'); // another title
    await entered('Городской субботник', '2027-09-10', '2027-09-10'); // other dates
    await entered('Городской субботник', '2027-09-05', '2027-09-05', 'Another NPO'); // another organiser
    let review = (await get('/api/submissions/KZ-75/2027-09', rfo)).json();
    const platformId = (await recordsOf('2027-09')).find((r) => r.source === 'platform')?.id;
    expect(review.platform.duplicates.map((d: any) => [d.platform.id, d.record.id])).toEqual([
      [platformId, same.id],
      [platformId, alsoSame.id],
    ]);
    expect(review.platform.duplicates[0]).toMatchObject({
      platform: { title: 'Городской субботник в парке', external_id: `platform:${opp.id}:2027-09` },
      record: { title: 'Субботник городской', organization: 'Green City Volunteers' },
    });

    // Another region's front office and a national analyst may not answer; the region's may.
    const mark = (who: SignedIn, record: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/platform/duplicates',
        headers: who.headers,
        payload: { platformRecord: platformId, record },
      });
    expect((await mark(await signIn(t, 'rfo', { region: 'KZ-79' }), same.id)).statusCode).toBe(403);
    expect((await mark(await signIn(t, 'national_analyst'), same.id)).statusCode).toBe(403);
    // Two records of the front office are no pair.
    const notPair = await t.app.inject({
      method: 'POST',
      url: '/api/platform/duplicates',
      headers: rfo.headers,
      payload: { platformRecord: alsoSame.id, record: same.id },
    });
    expect(notPair.statusCode).toBe(409);
    expect(notPair.json().error).toBe('not_a_duplicate_pair');
    const ok = await mark(rfo, same.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      record: same.id,
      decision: 'not_duplicate',
      platformKey: `platform:${opp.id}:2027-09`,
    });
    expect((await mark(rfo, same.id)).statusCode).toBe(200); // said twice: the same answer
    const trail = await audits('activity', 'not_duplicate', 'KZ-75', '2027-09');
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ entity_id: String(same.id), user_id: rfo.userId });

    // The other answer: the RFO deletes its own record.
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/activities/${alsoSame.id}?version=${alsoSame.version}`,
      headers: rfo.headers,
    });
    expect(del.statusCode).toBe(204);
    review = (await get('/api/submissions/KZ-75/2027-09', rfo)).json();
    expect(review.platform.duplicates).toEqual([]);

    // The platform's record is rewritten (more hours): the answer still holds (by its key).
    await attend(t, opp.id, opp.shifts[1] as any, await volunteer(t), { hours: 2 });
    await refresh(t, opp.id, opp.shifts);
    review = (await get('/api/submissions/KZ-75/2027-09', admin)).json();
    expect(review.platform.duplicates).toEqual([]);
  });
});

describe('the platform on the public dashboard', () => {
  it('organisations, published opportunities, places offered and free, applications by status, confirmed hours; by region and area', async () => {
    const org = await platformOrganisation(t, admin, 'KZ-79', 'Steppe Helpers');
    const a = await publishedOpportunity(
      t,
      org,
      [
        { start: '2030-09-05T05:00:00.000Z', end: '2030-09-05T09:00:00.000Z', capacity: 10 },
        { start: '2030-09-06T05:00:00.000Z', end: '2030-09-06T09:00:00.000Z', capacity: 10 },
      ],
      { region: 'KZ-79', area: 'bilim' },
    );
    const b = await publishedOpportunity(
      t,
      org,
      [{ start: '2030-09-07T05:00:00.000Z', end: '2030-09-07T09:00:00.000Z', capacity: 5 }],
      { region: 'KZ-79', area: 'umit' },
    );
    // A draft: not counted.
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/platform/opportunities',
      headers: org.headers,
      payload: {
        title: 'Draft',
        description: 'x',
        area: 'bilim',
        region: 'KZ-79',
        format: 'offline',
        shifts: [{ start: '2030-09-08T05:00:00.000Z', end: '2030-09-08T09:00:00.000Z', capacity: 50 }],
      },
    });
    expect(draft.statusCode).toBe(201);
    const [s1, s2] = a.shifts as [any, any];
    for (const status of ['pending', 'pending', 'accepted', 'waitlisted'] as const)
      await attend(t, a.id, s1, await volunteer(t), { hours: 0, status });
    await attend(t, a.id, s2, await volunteer(t), { hours: 3 });
    await attend(t, a.id, s2, await volunteer(t), { hours: 0, status: 'declined' });
    const revoked = await attend(t, b.id, b.shifts[0] as any, await volunteer(t), { hours: 2.5 });
    await t.database.db
      .updateTable('application')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', revoked)
      .execute();

    const res = await get('/api/dashboard/platform?region=KZ-79&lang=en', null);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    const expected = {
      organizations: 1,
      opportunities: 2,
      placesOffered: 25,
      placesFree: 20,
      applications: {
        pending: 2,
        accepted: 1,
        waitlisted: 1,
        attended: 2,
        declined: 1,
        withdrawn: 0,
        no_show: 0,
      },
      applicationsTotal: 7,
      confirmedHours: 3,
    };
    expect(d.region).toBe('KZ-79');
    expect(d.total).toEqual(expected);
    expect(d.byRegion).toEqual([{ region: 'KZ-79', name: expect.any(String), ...expected }]);
    const bilim = d.byArea.find((x: any) => x.area === 'bilim');
    expect(bilim).toMatchObject({ organizations: 1, opportunities: 1, placesOffered: 20, confirmedHours: 3 });
    expect(bilim.name).not.toBe('bilim');
    expect(d.byArea.find((x: any) => x.area === 'umit')).toMatchObject({
      opportunities: 1,
      placesOffered: 5,
      confirmedHours: 0,
    });

    // Cached for the data version: a new application is seen at once.
    expect((await get('/api/dashboard/platform?region=KZ-79&lang=en', null)).headers['x-cache']).toBe('hit');
    await attend(t, b.id, b.shifts[0] as any, await volunteer(t), { hours: 0, status: 'pending' });
    const again = await get('/api/dashboard/platform?region=KZ-79&lang=en', null);
    expect(again.headers['x-cache']).toBe('miss');
    expect(again.json().total).toMatchObject({ placesFree: 19, applicationsTotal: 8 });

    // The whole country: KZ-79 among the regions; an unknown region is 404.
    const all = (await get('/api/dashboard/platform?lang=kk', null)).json();
    expect(all.region).toBeNull();
    expect(all.byRegion.find((r: any) => r.region === 'KZ-79')).toMatchObject({ opportunities: 2 });
    expect(all.total.organizations).toBeGreaterThanOrEqual(3);
    expect((await get('/api/dashboard/platform?region=KZ-999', null)).statusCode).toBe(404);
  });
});
