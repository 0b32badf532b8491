// The record book in the browser (issue 12 items 1, 2 and 7): a volunteer with confirmed hours sees
// them by area and year, makes a certificate in Kazakh, downloads its PDF; the verification page
// the QR code leads to is served as HTML that needs no JavaScript; axe at 1280 and 360 px on both.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import { CONSENT_VERSION } from '../src/domain/volunteer-account.ts';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  signIn,
  startServer,
  text,
} from './helpers.ts';

const PASSWORD = 'e2e-password-2026';
const VOLUNTEER = 'book.volunteer@e2e.kz';

describe('the record book', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;

  const inject = async (
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    payload?: object,
    address = '10.8.0.1',
  ) => {
    const res = await server.app.inject({
      method,
      url,
      headers,
      remoteAddress: address,
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  const session = (res: { cookies: { name: string; value: string }[]; json(): any }) => ({
    cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': res.json().csrfToken as string,
  });

  beforeAll(async () => {
    server = await startServer();
    let bin: string | null = null;
    for (let n = 1; !bin; n++) bin = withCheckDigit(`1104400${String(n).padStart(4, '0')}`);
    const reg = await inject(
      'POST',
      '/api/platform/organizations',
      {},
      {
        name: 'Қамқор қоры',
        type: 'npo',
        bin,
        region: 'KZ-75',
        email: 'book.coord@e2e.kz',
        password: PASSWORD,
        contactName: 'Айгүл',
        lang: 'kk',
      },
    );
    const coordinator = session(reg);
    await createUser(server.database, 'book.admin@e2e.kz', 'national_admin', null, PASSWORD);
    const admin = session(
      await inject(
        'POST',
        '/api/auth/login',
        {},
        { email: 'book.admin@e2e.kz', password: PASSWORD },
        '10.8.0.2',
      ),
    );
    await inject('POST', `/api/platform/organizations/${reg.json().organization.id}/verify`, admin, {
      decision: 'verified',
    });
    await createUser(server.database, VOLUNTEER, 'volunteer', null, PASSWORD);
    const user = await server.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', VOLUNTEER)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await server.database.db
      .insertInto('volunteer_profile')
      .values({
        user_id: user.id,
        name: 'Әсел Ғаниева',
        birth_date: '1999-05-01',
        gender: 'female',
        region: 'KZ-75',
        employment: 'student',
        resident: 1,
        disability: 0,
        skills: '[]',
        languages: '["kk"]',
        iin_hash: null,
        iin_last4: null,
        consent_version: CONSENT_VERSION,
        consent_at: now,
        email_confirmed_at: now,
        confirm_reminded_at: null,
        guardian_name: null,
        guardian_email: null,
        guardian_status: 'not_required',
        guardian_confirmed_at: null,
        lang: 'kk',
        created_at: now,
        erased_at: null,
      })
      .execute();
    const volunteer = session(
      await inject('POST', '/api/auth/login', {}, { email: VOLUNTEER, password: PASSWORD }, '10.8.0.3'),
    );
    const made = await inject('POST', '/api/platform/opportunities', coordinator, {
      title: 'Қарттар үйіне көмек',
      description: 'Серуен, кітап оқу',
      area: 'qamqor',
      region: 'KZ-75',
      format: 'offline',
      shifts: [{ start: '2031-02-10T10:00:00+05:00', end: '2031-02-10T14:00:00+05:00', capacity: 5 }],
    });
    const { id, shifts } = made.json();
    await inject('POST', `/api/platform/opportunities/${id}/publish`, coordinator);
    const shift = shifts[0].id as number;
    const app = (await inject('POST', `/api/platform/shifts/${shift}/applications`, volunteer)).json();
    await inject('POST', `/api/platform/applications/${app.id}/accept`, coordinator);
    const start = new Date(Date.now() - 6 * 3600_000);
    await server.database.db
      .updateTable('opportunity_shift')
      .set({ start_at: start.toISOString(), end_at: new Date(start.getTime() + 4 * 3600_000).toISOString() })
      .where('id', '=', shift)
      .execute();
    await inject('POST', `/api/platform/applications/${app.id}/attendance`, coordinator, {
      attended: true,
      hours: 3.5,
    });
    browser = await launchBrowser('kk-KZ');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'kk');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  let code = '';

  it('shows the confirmed hours and makes a certificate in Kazakh, whose PDF downloads', async () => {
    await signIn(page, server.url, VOLUNTEER, PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me`);
    await page.getByRole('link', { name: 'Менің волонтерлік кітапшам және анықтамалар' }).click();
    await expect.poll(() => text(page.getByTestId('book-hours'))).toBe('3,5 сағ');
    expect(await text(page.getByTestId('book-entry').first())).toContain('Қарттар үйіне көмек');
    expect(await seriousOnDesktopAndPhone(page, 'record book', 'main')).toEqual([]);
    await page.getByRole('button', { name: 'Анықтама жасау' }).click();
    await page.getByTestId('certificate').waitFor();
    code = await text(page.getByTestId('certificate-code'));
    expect(code).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    const href = (await page.getByRole('link', { name: 'PDF жүктеу' }).getAttribute('href')) as string;
    const pdf = await page.request.get(`${server.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await seriousOnDesktopAndPhone(page, 'record book with a certificate', 'main')).toEqual([]);
  });

  it('the verification page is HTML from the server, read without JavaScript, in the asked language', async () => {
    const html = await (await fetch(`${server.url}/verify/${code}?lang=kk`)).text();
    expect(html).toContain('data-status="valid"');
    expect(html).toContain('Ә. Ғ.');
    expect(html).not.toContain('Ғаниева');
    expect(html).not.toContain('<script');
    await page.goto(`${server.url}/verify/${code.toLowerCase()}?lang=kk`);
    expect(await text(page.locator('.status'))).toBe('Жарамды');
    expect(await seriousOnDesktopAndPhone(page, 'verification page')).toEqual([]);
  });
});
