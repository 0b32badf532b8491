// The volunteer platform in the statistics (issue 11 items 6 and 7): hours confirmed on the platform
// are a record of the RFO's month, shown with the badge «Платформа» and no edit or delete; a record
// the RFO entered for the same event is flagged as a probable duplicate, which the RFO resolves;
// the public dashboard shows the platform's figures. Axe at 1280 and 360 px.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { refreshPlatformRecords } from '../src/modules/platform-stats/platform-stats.service.ts';
import { createSession, SESSION_COOKIE } from '../src/modules/users/sessions.ts';
import { formatHours, formatNumber } from '../src/web/lib/format.ts';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  settle,
  signIn,
  startServer,
  text,
} from './helpers.ts';

const ORG = 'Жасыл Қала волонтерлері';
const PERIOD = '2027-03';

describe('the platform in the statistics', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let rfo: { email: string; password: string };
  let admin: { email: string; password: string };
  /** The opportunity made here and its March shift (the demo has applications of its own). */
  let made: { opportunity_id: number; shift_id: number };

  /** Headers of a session of an account made here (cookie and CSRF token). */
  const sessionOf = async (email: string) => {
    const u = await server.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const s = await createSession(server.database.db, Number(u.id));
    return { cookie: `${SESSION_COOKIE}=${s.token}`, 'x-csrf-token': s.csrfToken };
  };
  const call = async (
    headers: Record<string, string>,
    method: 'POST' | 'GET',
    url: string,
    payload?: object,
  ) => {
    const res = await server.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    server = await startServer();
    admin = await createUser(server.database, 'admin.pstats@e2e.kz', 'national_admin', null);
    rfo = await createUser(server.database, 'rfo.pstats@e2e.kz', 'rfo', 'KZ-75');
    const adminHeaders = await sessionOf(admin.email);
    let bin: string | null = null;
    for (let i = 100; !bin; i++) bin = withCheckDigit(`0703400${String(i).padStart(4, '0')}`);
    const reg = await server.app.inject({
      method: 'POST',
      url: '/api/platform/organizations',
      remoteAddress: '10.6.0.1',
      payload: {
        name: ORG,
        type: 'npo',
        bin,
        region: 'KZ-75',
        email: 'coord.pstats@e2e.kz',
        password: 'e2e-password-2026',
        contactName: 'Айгүл',
        lang: 'ru',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const orgId = reg.json().organization.id as number;
    await call(adminHeaders, 'POST', `/api/platform/organizations/${orgId}/verify`, { decision: 'verified' });
    const coord = await sessionOf('coord.pstats@e2e.kz');
    const opp = await call(coord, 'POST', '/api/platform/opportunities', {
      title: 'Городской субботник в парке',
      description: 'Перчатки выдадим',
      area: 'bilim',
      region: 'KZ-75',
      format: 'offline',
      shifts: [
        { start: '2027-03-06T05:00:00.000Z', end: '2027-03-06T09:00:00.000Z', capacity: 10 },
        { start: '2030-06-06T05:00:00.000Z', end: '2030-06-06T09:00:00.000Z', capacity: 12 },
      ],
    });
    await call(coord, 'POST', `/api/platform/opportunities/${opp.id}/publish`);
    made = { opportunity_id: opp.id, shift_id: opp.shifts[0].id };
    // Three volunteers attended the March shift (as the attendance API leaves them), then the link.
    const now = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      await createUser(server.database, `volunteer${i}.pstats@e2e.kz`, 'volunteer', 'KZ-75');
      const v = await server.database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', `volunteer${i}.pstats@e2e.kz`)
        .executeTakeFirstOrThrow();
      await server.database.db
        .insertInto('application')
        .values({
          shift_id: opp.shifts[0].id,
          opportunity_id: opp.id,
          volunteer_id: Number(v.id),
          status: 'attended',
          reason: null,
          note: null,
          offer_expires_at: null,
          hours: 4,
          attendance_at: now,
          revoked_at: null,
          cohort: i === 0 ? 'child' : 'general',
          gender: i === 0 ? 'male' : 'female',
          age_band: i === 0 ? 'under_18' : '18_29',
          employment: i === 0 ? 'schoolchild' : 'student',
          created_at: now,
          updated_at: now,
          answered_at: now,
        })
        .execute();
    }
    await server.database.db
      .transaction()
      .execute((trx) => refreshPlatformRecords(trx, opp.id, [PERIOD], { userId: null, now }));
    // The RFO had typed the same event in by hand.
    await call(await sessionOf(rfo.email), 'POST', '/api/activities', {
      region: 'KZ-75',
      period: PERIOD,
      organization: ORG,
      organization_type: 'npo',
      title: 'Субботник городской',
      area: 'bilim',
      format: 'offline',
      kind: 'event',
      start_date: '2027-03-06',
      end_date: '2027-03-06',
      volunteers: 3,
      hours: 12,
    });
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the public dashboard shows the platform’s figures by area and region', async () => {
    await page.goto(`${server.url}/`);
    const section = page.getByTestId('platform-section');
    await expect.poll(() => section.count()).toBe(1);
    await expect.poll(() => text(section)).toContain('Волонтерская платформа');
    // The figures are the API's (the demo may have platform data of its own beside ours).
    const api = (await (await page.request.get(`${server.url}/api/dashboard/platform?lang=ru`)).json()) as {
      total: { organizations: number; opportunities: number; confirmedHours: number };
      byRegion: { region: string; confirmedHours: number }[];
      byArea: { area: string; confirmedHours: number }[];
    };
    expect(api.total.organizations).toBeGreaterThanOrEqual(1);
    expect(api.byRegion.find((r) => r.region === 'KZ-75')?.confirmedHours).toBeGreaterThanOrEqual(12);
    const key = section.getByTestId('platform-key');
    const n = (v: number) => formatNumber(v, 'ru');
    await expect.poll(() => text(key)).toContain(`Проверенные организации${n(api.total.organizations)}`);
    expect(await text(key)).toContain(`Опубликованные возможности${n(api.total.opportunities)}`);
    expect(await text(key)).toContain(`Подтвержденные часы${formatHours(api.total.confirmedHours, 'ru')}`);
    expect(await section.getByTestId('platform-bars').locator('li').count()).toBe(
      api.byArea.filter((a) => a.confirmedHours > 0).length,
    );
    expect(await section.getByTestId('platform-by-region').locator('tbody tr').count()).toBe(
      api.byRegion.length,
    );
    await settle(page);
    expect(
      await seriousOnDesktopAndPhone(page, 'dashboard platform', '[data-testid="platform-section"]'),
    ).toEqual([]);
    // In Kazakh and English too.
    await setLanguage(page, 'kk');
    await page.reload();
    await expect.poll(() => text(page.getByTestId('platform-section'))).toContain('Волонтерлік платформа');
    await setLanguage(page, 'ru');
  });

  it('the RFO’s month: the platform row badged and read-only, the probable duplicate resolved', async () => {
    await signIn(page, server.url, rfo.email, rfo.password);
    await page.goto(`${server.url}/rfo/KZ-75/${PERIOD}`);
    const table = page.getByTestId('activity-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const platformRow = table.locator('tr[data-source="platform"]');
    expect(await platformRow.count()).toBe(1);
    expect(await text(platformRow.getByTestId('platform-badge'))).toBe('Платформа');
    // No edit or delete of the platform's row; the RFO's own row has both.
    expect(await platformRow.getByRole('button', { name: /Изменить|Удалить/ }).count()).toBe(0);
    expect(await platformRow.getByRole('button', { name: /^Просмотр/ }).count()).toBe(1);
    const ownRow = table.locator('tr[data-source="rfo"]');
    expect(await ownRow.getByRole('button').count()).toBeGreaterThanOrEqual(2);
    expect(await text(page.getByTestId('platform-readonly'))).toContain('исправления вносятся на платформе');
    // Both rows are flagged; the pair is listed with its two answers.
    expect(await table.getByTestId('duplicate-badge').count()).toBe(2);
    const dup = page.getByTestId('duplicates');
    await expect.poll(() => dup.getByTestId('duplicate-pair').count()).toBe(1);
    expect(await text(dup)).toContain('Городской субботник в парке');
    expect(await text(dup)).toContain('Субботник городской');
    expect(await seriousOnDesktopAndPhone(page, 'rfo month with platform', 'main')).toEqual([]);

    await dup.getByRole('button', { name: /^Не дубликат/ }).click();
    await expect.poll(() => text(dup)).toContain('Отмечено: не дубликат.');
    await expect.poll(() => dup.getByTestId('duplicate-pair').count()).toBe(0);
    await expect.poll(() => table.getByTestId('duplicate-badge').count()).toBe(0);
    // Both rows stay.
    expect(await table.locator('tbody tr').count()).toBe(2);
  });

  it('the national review: restated after acceptance, the second source beside the RFO’s figures', async () => {
    // The month accepted, then the platform confirms one more volunteer: restated.
    const now = new Date(Date.now() - 60_000).toISOString();
    await server.database.db
      .updateTable('submission')
      .set({ status: 'accepted', submitted_at: now, last_submitted_at: now, reviewed_at: now })
      .where('region', '=', 'KZ-75')
      .where('period', '=', PERIOD)
      .execute();
    const app = made;
    await createUser(server.database, 'volunteer9.pstats@e2e.kz', 'volunteer', 'KZ-75');
    const v = await server.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'volunteer9.pstats@e2e.kz')
      .executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    await server.database.db
      .insertInto('application')
      .values({
        shift_id: app.shift_id,
        opportunity_id: app.opportunity_id,
        volunteer_id: Number(v.id),
        status: 'attended',
        reason: null,
        note: null,
        offer_expires_at: null,
        hours: 2,
        attendance_at: at,
        revoked_at: null,
        cohort: 'silver',
        gender: 'female',
        age_band: 'retired',
        employment: 'unemployed',
        created_at: at,
        updated_at: at,
        answered_at: at,
      })
      .execute();
    await server.database.db
      .transaction()
      .execute((trx) =>
        refreshPlatformRecords(trx, Number(app.opportunity_id), [PERIOD], { userId: null, now: at }),
      );
    await signIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/national/review/KZ-75/${PERIOD}`);
    await expect.poll(() => text(page.getByTestId('restated'))).toContain('после того как месяц был принят');
    const second = page.getByTestId('second-source');
    await expect.poll(() => second.count()).toBe(1);
    expect(await text(second)).toContain('Волонтеры: второй источник');
    // Four unique volunteers on the platform: the total row of the gender table.
    expect(await text(second.locator('table').first().locator('tbody tr').last())).toMatch(/Всего\s*4/);
    // The pair marked "not a duplicate" stays resolved; the reviewer sees no flag and no buttons.
    expect(await text(page.getByTestId('duplicates'))).toContain('Возможных дубликатов нет.');
    expect(await page.getByTestId('review-rows').getByTestId('platform-badge').count()).toBe(1);
    expect(await seriousOnDesktopAndPhone(page, 'national review with platform', 'main')).toEqual([]);
  });
});
