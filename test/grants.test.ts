// Grant monitoring (issue 13 items 4 and 6): the public register of unscrupulous grant implementers
// (publication and removal audited); grant projects kept by the national office and read in scope;
// a grantee's report through the platform becoming activity records of its regions, a re-report
// replacing them (never counted twice); reporting rounds with each project's data provision; and the
// annual report's section 11 computed from them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { type Coordinator, call, organisation } from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let analyst: SignedIn;
let rfo: SignedIn;
let otherRfo: SignedIn;
let viewer: SignedIn;
let grantee: Coordinator;
let outsider: Coordinator;
let granteeBin: string;

const errorOf = (res: { statusCode: number; json(): any }) => [res.statusCode, res.json().error];

let binSerial = 0;
function newBin(): string {
  for (;;) {
    const b = withCheckDigit(`1305400${String(++binSerial).padStart(4, '0')}`);
    if (b) return b;
  }
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfo = await signIn(t, 'rfo', { region: 'KZ-75' });
  otherRfo = await signIn(t, 'rfo', { region: 'KZ-79' });
  viewer = await signIn(t, 'viewer');
  grantee = await organisation(t, admin, { name: 'Green Help' });
  outsider = await organisation(t, admin, { region: 'KZ-79', name: 'Outsider NPO' });
  granteeBin = (
    await t.database.db
      .selectFrom('organization')
      .select('bin')
      .where('id', '=', grantee.orgId)
      .executeTakeFirstOrThrow()
  ).bin as string;
});
afterAll(async () => t?.close());

const audit = (entity: string, entityId: string) =>
  t.database.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();

describe('the register of unscrupulous grant implementers', () => {
  const entry = (bin: string, over: Record<string, unknown> = {}) => ({
    bin,
    name: 'ТОО «<b>Недобросовестный</b>»',
    decision: 'Grant agreement terminated for misuse of funds',
    decisionDate: '2025-11-20',
    documentRef: 'Order No. 45-ө of 20.11.2025',
    ...over,
  });

  it('is public: anyone reads it, markup kept as text', async () => {
    const bin = newBin();
    const made = await call(t, admin, 'POST', '/api/register', entry(bin), 201);
    const list = (await call(t, null, 'GET', '/api/register', undefined, 200)).json();
    expect(list.items.find((i: { id: number }) => i.id === made.json().id)).toMatchObject({
      bin,
      name: 'ТОО «<b>Недобросовестный</b>»',
      decisionDate: '2025-11-20',
      documentRef: 'Order No. 45-ө of 20.11.2025',
      illustrative: false,
    });
    const trail = await audit('grant_register_entry', String(made.json().id));
    expect(trail.map((a) => a.action)).toEqual(['publish']);
    expect(JSON.parse(trail[0]?.new_value ?? '{}')).toMatchObject({ bin });
  });

  it('is kept by the national office only', async () => {
    for (const who of [rfo, viewer, grantee])
      expect(errorOf(await call(t, who, 'POST', '/api/register', entry(newBin())))).toEqual([
        403,
        'forbidden',
      ]);
    expect(errorOf(await call(t, null, 'POST', '/api/register', entry(newBin())))).toEqual([
      401,
      'unauthorized',
    ]);
    await call(t, analyst, 'POST', '/api/register', entry(newBin()), 201);
  });

  it('refuses a wrong BIN, a decision in the future, the same decision twice', async () => {
    expect(errorOf(await call(t, admin, 'POST', '/api/register', entry('12345')))).toEqual([
      400,
      'bin_format',
    ]);
    const bad = `${newBin().slice(0, 11)}${(Number(newBin().slice(11)) + 1) % 10}`;
    expect((await call(t, admin, 'POST', '/api/register', entry(bad))).statusCode).toBe(400);
    expect(
      errorOf(await call(t, admin, 'POST', '/api/register', entry(newBin(), { decisionDate: '2999-01-01' }))),
    ).toEqual([422, 'register_decision_future']);
    const bin = newBin();
    await call(t, admin, 'POST', '/api/register', entry(bin), 201);
    expect(errorOf(await call(t, admin, 'POST', '/api/register', entry(bin)))).toEqual([
      409,
      'register_entry_exists',
    ]);
    // A megabyte of decision text is refused by the schema, not stored.
    expect(
      (await call(t, admin, 'POST', '/api/register', entry(newBin(), { decision: 'x'.repeat(1_000_000) })))
        .statusCode,
    ).toBe(400);
  });

  it('removal takes the entry off the public list, with the reason in the trail; twice is refused', async () => {
    const bin = newBin();
    const { id } = (await call(t, admin, 'POST', '/api/register', entry(bin), 201)).json();
    expect(
      errorOf(await call(t, rfo, 'POST', `/api/register/${id}/remove`, { reason: 'Court annulled' })),
    ).toEqual([403, 'forbidden']);
    await call(
      t,
      admin,
      'POST',
      `/api/register/${id}/remove`,
      { reason: 'Court annulled the decision' },
      200,
    );
    const list = (await call(t, null, 'GET', '/api/register', undefined, 200)).json();
    expect(list.items.some((i: { id: number }) => i.id === id)).toBe(false);
    expect(errorOf(await call(t, admin, 'POST', `/api/register/${id}/remove`, { reason: 'again' }))).toEqual([
      409,
      'register_entry_removed',
    ]);
    expect(errorOf(await call(t, admin, 'POST', '/api/register/999999/remove', { reason: 'x' }))).toEqual([
      404,
      'not_found',
    ]);
    const trail = await audit('grant_register_entry', String(id));
    expect(trail.map((a) => [a.action, a.note])).toEqual([
      ['publish', null],
      ['remove', 'Court annulled the decision'],
    ]);
  });

  it('links an entry to the registry organisation of its BIN', async () => {
    const bin = newBin();
    const org = await call(
      t,
      admin,
      'POST',
      '/api/organizations',
      { name: 'Listed NPO', type: 'npo', region: 'KZ-75', bin },
      201,
    );
    const { id } = (await call(t, admin, 'POST', '/api/register', entry(bin), 201)).json();
    const row = await t.database.db
      .selectFrom('grant_register_entry')
      .select('organization_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Number(row.organization_id)).toBe(org.json().id);
  });
});

const projectBody = (over: Record<string, unknown> = {}) => ({
  title: '«Birgemiz: Ayala»',
  organizationId: grantee.orgId,
  grantor: 'NAO «Center for Support of Civil Initiatives»',
  area: 'ayala',
  yearFrom: 2022,
  yearTo: 2024,
  regions: ['KZ-75', 'KZ-71'],
  amountKzt: 30_000_000,
  plannedVolunteers: 300,
  plannedHours: 4000,
  plannedEvents: 60,
  ...over,
});

const item = (over: Record<string, unknown> = {}) => ({
  region: 'KZ-75',
  title: 'Shelter day',
  format: 'offline',
  kind: 'event',
  startDate: '2023-03-04',
  endDate: '2023-03-04',
  volunteers: 12,
  hours: 48,
  beneficiaries: 40,
  ...over,
});

describe('grant projects', () => {
  let project = 0;

  it('are registered by the national office and read in scope', async () => {
    const made = (await call(t, admin, 'POST', '/api/grants/projects', projectBody(), 201)).json();
    project = made.id;
    expect(made).toMatchObject({
      kind: 'priority',
      organization: { id: grantee.orgId, bin: granteeBin, name: 'Green Help' },
      regions: ['KZ-71', 'KZ-75'],
      planned: { volunteers: 300, hours: 4000, events: 60, beneficiaries: null },
      recorded: { records: 0, hours: 0 },
      version: 1,
    });
    // another project of KZ-79 only
    await call(
      t,
      admin,
      'POST',
      '/api/grants/projects',
      projectBody({ title: 'Other', organizationId: outsider.orgId, regions: ['KZ-79'] }),
      201,
    );
    const titles = async (who: SignedIn | Coordinator, q = '') =>
      (await call(t, who, 'GET', `/api/grants/projects${q}`, undefined, 200))
        .json()
        .items.map((p: { title: string }) => p.title);
    expect(await titles(admin)).toEqual(expect.arrayContaining(['«Birgemiz: Ayala»', 'Other']));
    expect(await titles(rfo)).toEqual(['«Birgemiz: Ayala»']);
    expect(await titles(otherRfo)).toEqual(['Other']);
    expect(await titles(grantee)).toEqual(['«Birgemiz: Ayala»']);
    expect(errorOf(await call(t, rfo, 'GET', '/api/grants/projects?region=KZ-79'))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, viewer, 'GET', '/api/grants/projects'))).toEqual([403, 'forbidden']);
    expect(errorOf(await call(t, null, 'GET', '/api/grants/projects'))).toEqual([401, 'unauthorized']);
    expect((await call(t, rfo, 'GET', `/api/grants/projects/${project}`)).statusCode).toBe(200);
    expect(errorOf(await call(t, otherRfo, 'GET', `/api/grants/projects/${project}`))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, outsider, 'GET', `/api/grants/projects/${project}`))).toEqual([
      403,
      'forbidden',
    ]);
    expect(errorOf(await call(t, rfo, 'POST', '/api/grants/projects', projectBody()))).toEqual([
      403,
      'forbidden',
    ]);
  });

  it('refuses unknown references, years out of order and a stale version', async () => {
    expect(
      errorOf(await call(t, admin, 'POST', '/api/grants/projects', projectBody({ area: 'astrology' }))),
    ).toEqual([422, 'unknown_area']);
    expect(
      errorOf(await call(t, admin, 'POST', '/api/grants/projects', projectBody({ regions: ['KZ-99'] }))),
    ).toEqual([422, 'unknown_region']);
    expect(
      errorOf(
        await call(t, admin, 'POST', '/api/grants/projects', projectBody({ yearFrom: 2024, yearTo: 2022 })),
      ),
    ).toEqual([422, 'grant_years_order']);
    expect(
      errorOf(await call(t, admin, 'POST', '/api/grants/projects', projectBody({ organizationId: 999999 }))),
    ).toEqual([422, 'grant_unknown_organization']);
    const changed = (
      await call(
        t,
        admin,
        'PATCH',
        `/api/grants/projects/${project}`,
        { version: 1, amountKzt: 31_000_000 },
        200,
      )
    ).json();
    expect(changed).toMatchObject({ amountKzt: 31_000_000, version: 2 });
    expect(
      errorOf(await call(t, admin, 'PATCH', `/api/grants/projects/${project}`, { version: 1, amountKzt: 1 })),
    ).toEqual([409, 'stale_version']);
    const trail = await audit('grant_project', String(project));
    expect(trail.map((a) => [a.action, a.field, a.new_value])).toContainEqual([
      'update',
      'amountKzt',
      '31000000',
    ]);
  });

  describe('the grantee’s report', () => {
    const records = () =>
      t.database.db
        .selectFrom('activity')
        .selectAll()
        .where('grant_project_id', '=', project)
        .orderBy('row_key')
        .execute();

    it('becomes activity records of its regions, the project attached, read-only for the front office', async () => {
      const res = await call(
        t,
        grantee,
        'PUT',
        `/api/grants/projects/${project}/reports/2023-03`,
        {
          items: [
            item(),
            item({ region: 'KZ-71', title: 'Vet day', volunteers: 5, hours: 20, beneficiaries: null }),
          ],
        },
        200,
      );
      expect(res.json()).toMatchObject({
        period: '2023-03',
        records: 2,
        volunteers: 17,
        hours: 68,
        beneficiaries: 40,
        replaced: 0,
      });
      const rows = await records();
      expect(
        rows.map((r) => [
          r.region,
          r.period,
          r.source,
          r.external_id,
          Number(r.organization_id),
          Number(r.hours),
        ]),
      ).toEqual([
        ['KZ-75', '2023-03', 'platform', `platform:grant:${project}:2023-03:1`, grantee.orgId, 48],
        ['KZ-71', '2023-03', 'platform', `platform:grant:${project}:2023-03:2`, grantee.orgId, 20],
      ]);
      // In the region's activity list (the statistics), and not editable there.
      const list = (
        await call(t, rfo, 'GET', '/api/activities?region=KZ-75&period=2023-03', undefined, 200)
      ).json();
      const rec = list.items.find(
        (a: { external_id: string }) => a.external_id === `platform:grant:${project}:2023-03:1`,
      );
      expect(rec).toMatchObject({
        source: 'platform',
        area: 'ayala',
        volunteers: 12,
        hours: 48,
        beneficiaries: 40,
      });
      expect(
        errorOf(await call(t, rfo, 'PATCH', `/api/activities/${rec.id}`, { hours: 1, version: rec.version })),
      ).toEqual([409, 'platform_record_readonly']);
      const p = (await call(t, admin, 'GET', `/api/grants/projects/${project}`, undefined, 200)).json();
      expect(p.recorded).toEqual({
        records: 2,
        volunteers: 17,
        hours: 68,
        beneficiaries: 40,
        months: ['2023-03'],
      });
      expect(p.months).toEqual([
        { period: '2023-03', region: 'KZ-71', records: 1, volunteers: 5, hours: 20, beneficiaries: 0 },
        { period: '2023-03', region: 'KZ-75', records: 1, volunteers: 12, hours: 48, beneficiaries: 40 },
      ]);
    });

    it('reported again replaces the month: nothing is counted twice', async () => {
      const hoursOf = async (region: string) =>
        Number(
          (
            await t.database.db
              .selectFrom('agg_activity')
              .select((eb) => eb.fn.sum<number>('hours').as('h'))
              .where('region', '=', region)
              .where('period', '=', '2023-03')
              .executeTakeFirst()
          )?.h ?? 0,
        );
      expect([await hoursOf('KZ-75'), await hoursOf('KZ-71')]).toEqual([48, 20]);
      const again = await call(
        t,
        grantee,
        'PUT',
        `/api/grants/projects/${project}/reports/2023-03`,
        { items: [item({ hours: 50 })] },
        200,
      );
      expect(again.json()).toMatchObject({ records: 1, hours: 50, replaced: 2 });
      expect((await records()).map((r) => [r.region, Number(r.hours)])).toEqual([['KZ-75', 50]]);
      expect([await hoursOf('KZ-75'), await hoursOf('KZ-71')]).toEqual([50, 0]);
      // The same report once more changes nothing.
      await call(
        t,
        grantee,
        'PUT',
        `/api/grants/projects/${project}/reports/2023-03`,
        { items: [item({ hours: 50 })] },
        200,
      );
      expect(await hoursOf('KZ-75')).toBe(50);
      expect((await records()).length).toBe(1);
      const p = (await call(t, admin, 'GET', `/api/grants/projects/${project}`, undefined, 200)).json();
      expect(p.recorded).toMatchObject({ records: 1, volunteers: 12, hours: 50 });
      // Every change of the records is in the trail under the project.
      const trail = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'field'])
        .where('entity', '=', 'activity')
        .where('note', '=', `grant:${project}`)
        .execute();
      expect(trail.map((a) => a.action).sort()).toEqual(['create', 'create', 'delete', 'update']);
    });

    it('refuses what is not the grantee’s, outside the project, or invalid, keeping what was reported', async () => {
      const url = `/api/grants/projects/${project}/reports/2023-04`;
      for (const who of [outsider, rfo, analyst, viewer])
        expect(errorOf(await call(t, who, 'PUT', url, { items: [item()] }))).toEqual([403, 'forbidden']);
      expect(
        errorOf(
          await call(t, grantee, 'PUT', `/api/grants/projects/${project}/reports/2021-05`, { items: [] }),
        ),
      ).toEqual([422, 'grant_period_outside']);
      expect(
        errorOf(
          await call(t, grantee, 'PUT', `/api/grants/projects/${project}/reports/2024-13`, { items: [] }),
        ),
      ).toEqual([400, 'invalid_request']);
      const outside = await call(t, grantee, 'PUT', url, {
        items: [item({ region: 'KZ-79', startDate: '2023-04-02', endDate: '2023-04-02' })],
      });
      expect(errorOf(outside)).toEqual([422, 'validation_failed']);
      expect(outside.json().details).toEqual([
        expect.objectContaining({ row: 1, column: 'region', rule: 'grant_region_outside' }),
      ]);
      // Dates outside the month and hours beyond volunteers × days × 24: the rules of any record.
      const invalid = await call(t, grantee, 'PUT', url, {
        items: [item(), item({ startDate: '2023-04-02', endDate: '2023-04-02', volunteers: 1, hours: 30 })],
      });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().details.map((d: { row: number }) => d.row)).toEqual(
        expect.arrayContaining([1, 2]),
      );
      expect(await records()).toHaveLength(1);
      // The national admin may enter a grantee's report received by mail.
      await call(
        t,
        admin,
        'PUT',
        url,
        { items: [item({ startDate: '2023-04-02', endDate: '2023-04-02' })] },
        200,
      );
      expect(await records()).toHaveLength(2);
    });

    it('changes a month already accepted and marks it restated', async () => {
      const month = '2023-05';
      const u = `/api/grants/projects/${project}/reports/${month}`;
      await call(
        t,
        grantee,
        'PUT',
        u,
        { items: [item({ startDate: '2023-05-06', endDate: '2023-05-06' })] },
        200,
      );
      const sub = (await call(t, admin, 'GET', `/api/submissions/KZ-75/${month}`, undefined, 200)).json();
      const s = (
        await call(
          t,
          admin,
          'POST',
          `/api/submissions/KZ-75/${month}/submit`,
          { version: sub.version ?? sub.submission?.version ?? 1 },
          200,
        )
      ).json();
      await call(t, admin, 'POST', `/api/submissions/KZ-75/${month}/accept`, { version: s.version }, 200);
      await call(
        t,
        grantee,
        'PUT',
        u,
        { items: [item({ startDate: '2023-05-06', endDate: '2023-05-06', hours: 60 })] },
        200,
      );
      const row = await t.database.db
        .selectFrom('submission')
        .select(['status', 'restated_at'])
        .where('region', '=', 'KZ-75')
        .where('period', '=', month)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('accepted');
      expect(row.restated_at).not.toBeNull();
    });
  });

  describe('reporting rounds', () => {
    let round = 0;
    it('a round of a year holds every project active in it, status unknown', async () => {
      const made = (
        await call(t, admin, 'POST', '/api/grants/rounds', { title: 'Monitoring 2023', year: 2023 }, 201)
      ).json();
      round = made.id;
      expect(made.byStatus).toEqual({
        provided: 0,
        duplicated_grantor: 0,
        refused: 0,
        unreachable: 0,
        pending: made.projects,
      });
      expect(made.entries.find((e: { project: { id: number } }) => e.project.id === project)).toMatchObject({
        status: null,
        recorded: { records: 3, hours: 50 + 48 + 60 },
      });
      expect(errorOf(await call(t, rfo, 'POST', '/api/grants/rounds', { title: 'x', year: 2023 }))).toEqual([
        403,
        'forbidden',
      ]);
    });

    it('records each project’s data provision, audited; a front office reads its region’s', async () => {
      const e = (
        await call(
          t,
          analyst,
          'PUT',
          `/api/grants/rounds/${round}/entries/${project}`,
          { status: 'duplicated_grantor', comment: 'Sent the grantor’s report only', hours: 4200 },
          200,
        )
      ).json();
      expect(e).toMatchObject({
        status: 'duplicated_grantor',
        comment: 'Sent the grantor’s report only',
        reported: { hours: 4200, volunteers: null },
      });
      expect(
        errorOf(
          await call(t, admin, 'PUT', `/api/grants/rounds/${round}/entries/${project}`, { status: 'lost' }),
        ),
      ).toEqual([400, 'invalid_request']);
      expect(
        errorOf(
          await call(t, rfo, 'PUT', `/api/grants/rounds/${round}/entries/${project}`, { status: 'provided' }),
        ),
      ).toEqual([403, 'forbidden']);
      expect(
        errorOf(
          await call(t, admin, 'PUT', `/api/grants/rounds/999999/entries/${project}`, { status: 'provided' }),
        ),
      ).toEqual([404, 'not_found']);
      const mine = (await call(t, rfo, 'GET', `/api/grants/rounds/${round}`, undefined, 200)).json();
      expect(mine.entries.map((x: { project: { id: number } }) => x.project.id)).toEqual([project]);
      expect(mine.byStatus.duplicated_grantor).toBe(1);
      const theirs = (await call(t, otherRfo, 'GET', `/api/grants/rounds/${round}`, undefined, 200)).json();
      expect(theirs.entries.map((x: { project: { title: string } }) => x.project.title)).toEqual(['Other']);
      const trail = await audit('grant_round_entry', `${round}:${project}`);
      expect(trail.map((a) => a.field).sort()).toEqual(['comment', 'hours', 'status']);
      const detail = (
        await call(t, grantee, 'GET', `/api/grants/projects/${project}`, undefined, 200)
      ).json();
      expect(detail.rounds).toEqual([
        expect.objectContaining({
          round: { id: round, title: 'Monitoring 2023', year: 2023 },
          status: 'duplicated_grantor',
        }),
      ]);
    });
  });
});

describe('the annual report’s section 11', () => {
  const annual = async (q = '') =>
    (await call(t, null, 'GET', `/api/reports/annual/2023${q}`, undefined, 200)).json();
  const project = async () =>
    (await call(t, admin, 'GET', '/api/grants/projects?year=2023', undefined, 200))
      .json()
      .items.find((p: { title: string }) => p.title === '«Birgemiz: Ayala»');

  it('comes from the projects, the year’s round and the records of accepted months, counted once', async () => {
    const r = await annual('?lang=en');
    const x = r.priorityProjects;
    expect(x.available).toBe(true);
    expect(x.round).toMatchObject({ title: 'Monitoring 2023' });
    const ayala = x.projects.find((p: { title: string }) => p.title === '«Birgemiz: Ayala»');
    expect(ayala).toMatchObject({
      grantee: 'Green Help',
      bin: granteeBin,
      area: 'ayala',
      status: 'duplicated_grantor',
      statusName: "sent only the grantor's figures",
      comment: 'Sent the grantor’s report only',
      reported: { hours: 4200, volunteers: null, events: null },
      planned: { hours: 4000, volunteers: 300, events: 60 },
      // only May is accepted: March and April are drafts
      recorded: { events: 1, volunteers: 12, hours: 60, beneficiaries: 40 },
    });
    expect(x.projects.find((p: { title: string }) => p.title === 'Other')).toMatchObject({
      status: null,
      recorded: { events: 0 },
    });
    expect(x.byStatus.map((b: { status: string; projects: number }) => [b.status, b.projects])).toEqual([
      ['duplicated_grantor', 1],
      ['pending', 1],
    ]);
    // The records are the regions' figures: the report's hours are these hours, not twice them.
    expect(r.totals.hours).toBe(60);
    expect(x.totals).toMatchObject({
      projects: 2,
      reportedHours: 4200,
      recordedHours: 60,
      recordedEvents: 1,
    });
    const sec = r.sections.find((s: { number: number }) => s.number === 11);
    expect(sec).toMatchObject({ key: 'priorityProjects', available: true });
    expect(sec.narrative.join(' ')).toContain(
      'Of the 2 grant projects of 2023, 0 provided data, 1 sent only the grantor',
    );
    expect(sec.narrative.join(' ')).toContain('60 volunteer hours');
  });

  it('follows a re-report and the acceptance of a month, never adding', async () => {
    await call(
      t,
      grantee,
      'PUT',
      `/api/grants/projects/${(await project()).id}/reports/2023-05`,
      { items: [item({ startDate: '2023-05-06', endDate: '2023-05-06', hours: 70 })] },
      200,
    );
    let x = (await annual()).priorityProjects;
    expect(x.totals.recordedHours).toBe(70);
    const sub = (await call(t, admin, 'GET', '/api/submissions/KZ-75/2023-03', undefined, 200)).json();
    const s = (
      await call(
        t,
        admin,
        'POST',
        '/api/submissions/KZ-75/2023-03/submit',
        { version: sub.submission.version },
        200,
      )
    ).json();
    // submitted: in the provisional report only
    expect((await annual()).priorityProjects.totals.recordedHours).toBe(70);
    expect(
      (await call(t, admin, 'GET', '/api/reports/annual/2023?provisional=true', undefined, 200)).json()
        .priorityProjects.totals.recordedHours,
    ).toBe(120);
    await call(t, admin, 'POST', '/api/submissions/KZ-75/2023-03/accept', { version: s.version }, 200);
    const r = await annual();
    x = r.priorityProjects;
    expect(x.totals.recordedHours).toBe(120);
    expect(r.totals.hours).toBe(120);
  });

  it('says so when the year has no projects (the key kept)', async () => {
    const r = (await call(t, null, 'GET', '/api/reports/annual/2019?lang=ru', undefined, 200)).json();
    expect(r.priorityProjects).toMatchObject({ available: false, projects: [], round: null });
    expect(r.priorityProjects.reason).toMatch(/грантов/);
  });

  it('is in the documents, in the reader’s language, markup escaped', async () => {
    const html = (await call(t, null, 'GET', '/api/reports/annual/2023.html?lang=ru', undefined, 200)).body;
    expect(html).toContain('Грантовые проекты и предоставление ими данных');
    expect(html).toContain('предоставили только цифры грантодателя');
    expect(html).toContain('Green Help');
    const kk = (await call(t, null, 'GET', '/api/reports/annual/2023.html?lang=kk', undefined, 200)).body;
    expect(kk).toContain('тек грант берушінің сандарын ұсынды');
    const xlsx = await call(t, null, 'GET', '/api/reports/annual/2023.xlsx?lang=en', undefined, 200);
    expect(xlsx.rawPayload.length).toBeGreaterThan(1000);
  });
});
