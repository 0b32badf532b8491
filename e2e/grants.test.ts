// Grants in the browser (issue 13 items 4–7). On the monitoring demo (the 2022 priority projects,
// their round and the register's illustrative entry), with two organisations registered and
// verified over the server's inject: anyone reads the public register (in Kazakh) and the national
// office publishes an entry in it (in English); the national office reads the priority projects
// and the 2022 round and records a project's data provision (in Russian); a grantee reports a
// month, then reports it again (the month replaced, not added; in Kazakh); in the competition an
// organisation applies over the cap and is told, then within it, the registered one is refused, the
// regional commission's score outside the scale is refused and a good one saved (in Russian), and
// the national office selects the winners (in English). axe at 1280 and 360 px on every page.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  seriousOnDesktopAndPhone,
  setLanguage,
  signIn,
  signOut,
  startServer,
  text,
} from './helpers.ts';

const PASSWORD = 'e2e-password-2026';
const ADMIN = 'grants.admin@e2e.kz';
const RFO = 'grants.rfo@e2e.kz';
const GRANTEE = 'grants.grantee@e2e.kz';
const LISTED = 'grants.listed@e2e.kz';

type Headers = Record<string, string>;

describe('grants, the competition and the register', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let admin: Headers;
  let granteeOrg = 0;
  let listedBin = '';
  let _projectId = 0;
  let callId = 0;
  const year = new Date(Date.now() + 5 * 3600_000).getUTCFullYear();

  const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Headers, payload?: object) => {
    const res = await server.app.inject({
      method,
      url,
      headers,
      remoteAddress: '10.9.0.2',
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res;
  };
  const session = (res: { cookies: { name: string; value: string }[]; json(): any }): Headers => ({
    cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    'x-csrf-token': res.json().csrfToken as string,
  });
  const login = async (email: string) =>
    session(await inject('POST', '/api/auth/login', {}, { email, password: PASSWORD }));
  const bin = (n: number) => {
    for (let k = 0; ; k++) {
      const b = withCheckDigit(`1304400${String(n * 10 + k).padStart(4, '0')}`);
      if (b) return b;
    }
  };
  async function platformOrg(name: string, email: string, n: number, rfo: Headers) {
    const b = bin(n);
    const reg = await server.app.inject({
      method: 'POST',
      url: '/api/platform/organizations',
      remoteAddress: `10.9.1.${n}`,
      payload: {
        name,
        type: 'npo',
        bin: b,
        region: 'KZ-75',
        email,
        password: PASSWORD,
        contactName: 'Е2Е',
        lang: 'kk',
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().organization.id as number;
    await inject('POST', `/api/platform/organizations/${id}/verify`, rfo, { decision: 'verified' });
    return { id, bin: b };
  }

  beforeAll(async () => {
    server = await startServer();
    await createUser(server.database, ADMIN, 'national_admin', null, PASSWORD);
    await createUser(server.database, RFO, 'rfo', 'KZ-75', PASSWORD);
    admin = await login(ADMIN);
    const rfo = await login(RFO);
    granteeOrg = (await platformOrg('Жасыл Қала', GRANTEE, 1, rfo)).id;
    listedBin = (await platformOrg('Сенімсіз Серіктестік', LISTED, 2, rfo)).bin;
    _projectId = (
      await inject('POST', '/api/grants/projects', admin, {
        title: 'Жасыл аулалар',
        organizationId: granteeOrg,
        grantor: 'ҰҮЕҰ «Азаматтық бастамаларды қолдау орталығы»',
        area: 'taza_alem',
        yearFrom: year - 1,
        yearTo: year,
        regions: ['KZ-75'],
        plannedHours: 2000,
      })
    ).json().id;
    callId = (
      await inject('POST', '/api/competition/calls', admin, {
        year,
        title: `Жаңа Бастама ${year}`,
        grantor: 'Ministry of Information and Social Development',
        budgetCapKzt: 1_000_000,
        reportDue: `${year + 1}-01-31`,
        quotas: [{ region: 'KZ-75', quota: 10, budgetKzt: 10_000_000 }],
      })
    ).json().id;
    browser = await launchBrowser('kk-KZ');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'kk');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('anyone reads the public register; the national office publishes an entry (kk, en)', async () => {
    await page.goto(`${server.url}/register`);
    const table = page.getByTestId('register-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await text(page.locator('h1'))).toBe('Жосықсыз грант орындаушылар тізілімі');
    expect(await text(table)).toContain('иллюстративті');
    expect(await page.getByRole('button', { name: 'Шығару' }).count()).toBe(0);
    expect(await seriousOnDesktopAndPhone(page, 'public register', 'main')).toEqual([]);

    await setLanguage(page, 'en');
    await signIn(page, server.url, ADMIN, PASSWORD);
    await page.goto(`${server.url}/register`);
    const form = page.getByRole('form', { name: 'Publish an entry' });
    await form.getByLabel('BIN', { exact: true }).fill(listedBin);
    await form.getByLabel('Organisation', { exact: true }).fill('LLP «Сенімсіз <b>Серіктестік</b>»');
    await form.getByLabel('Date of the decision', { exact: true }).fill('2026-02-10');
    await form.getByLabel('Document', { exact: true }).fill('Order No. 12 of 10.02.2026');
    await form.getByLabel('Decision', { exact: true }).fill('Grant funds were not used for the project');
    expect(await seriousOnDesktopAndPhone(page, 'register with the publishing form', 'main')).toEqual([]);
    await form.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await text(table)).toContain('LLP «Сенімсіз <b>Серіктестік</b>»');
    expect(await table.locator('tbody b').count()).toBe(0);
    // The same decision twice: said in words, nothing added.
    await form.getByLabel('BIN', { exact: true }).fill(listedBin);
    await form.getByLabel('Organisation', { exact: true }).fill('Again');
    await form.getByLabel('Date of the decision', { exact: true }).fill('2026-02-10');
    await form.getByLabel('Document', { exact: true }).fill('Order No. 12 of 10.02.2026');
    await form.getByLabel('Decision', { exact: true }).fill('Again');
    await form.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => text(form.getByRole('alert')))
      .toBe('This decision about this organisation is in the register already.');
    expect(await table.locator('tbody tr').count()).toBe(2);
  });

  it('the national office reads the priority projects and records a data provision (ru)', async () => {
    await setLanguage(page, 'ru');
    await page.goto(`${server.url}/grants`);
    const projects = page.getByTestId('grant-projects');
    await expect.poll(() => projects.locator('tbody tr').count()).toBe(10);
    expect(await text(projects)).toContain('«Birgemiz: Taza Álem»');
    expect(await seriousOnDesktopAndPhone(page, 'grant projects', 'main')).toEqual([]);
    await page.getByRole('link', { name: 'Мониторинг приоритетных проектов, 2022' }).click();
    await page.waitForURL(/\/grants\/rounds\/\d+$/);
    const entries = page.getByTestId('round-entry');
    await expect.poll(() => entries.count()).toBe(9);
    const bilim = entries.filter({ has: page.getByRole('link', { name: '«Birgemiz: Bilim»' }) });
    expect(await text(bilim.getByTestId('provision').first())).toBe('Недоступен для связи');
    expect(await seriousOnDesktopAndPhone(page, 'reporting round', 'main')).toEqual([]);
    await bilim.getByLabel('Предоставление данных', { exact: true }).selectOption('refused');
    await bilim.getByLabel('Комментарий', { exact: true }).fill('Ответил в 2023 году: данные не предоставит');
    await bilim.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => text(bilim.getByTestId('provision').first())).toBe('Отказался');
    expect(await text(bilim)).toContain('Ответил в 2023 году: данные не предоставит');
  });

  it('a grantee reports a month, and reporting it again replaces it (kk)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'kk');
    await signIn(page, server.url, GRANTEE, PASSWORD);
    await page.goto(`${server.url}/grants`);
    await page.getByRole('link', { name: 'Жасыл аулалар' }).click();
    await page.waitForURL(/\/grants\/projects\/\d+$/);
    const form = page.getByRole('form', { name: 'Ай бойынша есеп' });
    const month = await form.getByLabel('Ай', { exact: true }).inputValue();
    const line = form.getByRole('group', { name: '1-іс-шара' });
    await line.getByLabel('Не істелді', { exact: true }).fill('Аулаларды тазалау');
    await line.getByLabel('Басы', { exact: true }).fill(`${month}-06`);
    await line.getByLabel('Соңы', { exact: true }).fill(`${month}-06`);
    await line.getByLabel('Волонтерлер', { exact: true }).fill('12');
    await line.getByLabel('Сағаттар', { exact: true }).fill('48');
    expect(await seriousOnDesktopAndPhone(page, 'grant project with the report form', 'main')).toEqual([]);
    await form.getByRole('button', { name: 'Есепті жіберу' }).click();
    const months = page.getByTestId('grant-months');
    await expect.poll(() => months.locator('tbody tr').count()).toBe(1);
    expect(await text(months.locator('tbody tr'))).toContain('48');
    await line.getByLabel('Сағаттар', { exact: true }).fill('60');
    await form.getByRole('button', { name: 'Есепті жіберу' }).click();
    await expect.poll(() => text(months.locator('tbody tr'))).toContain('60');
    expect(await months.locator('tbody tr').count()).toBe(1);
    expect(await text(page.getByTestId('recorded'))).toBe('волонтерлер: 12, сағаттар: 60, іс-шаралар: 1');
  });

  it('applications are checked, scored within the scale and selected (en, ru)', async () => {
    await setLanguage(page, 'en');
    await page.goto(`${server.url}/competition/${callId}`);
    const form = page.getByRole('form', { name: 'Apply for your organisation' });
    await form.getByLabel('Project', { exact: true }).fill('Green courtyards');
    await form.getByLabel('Budget asked, KZT', { exact: true }).fill('1500000');
    await form.getByLabel('Expected volunteers', { exact: true }).fill('40');
    await form.getByLabel('Expected beneficiaries', { exact: true }).fill('900');
    await form
      .getByLabel('What the project will do', { exact: true })
      .fill('Monthly clean-ups in the courtyards');
    expect(await seriousOnDesktopAndPhone(page, 'application form', 'main')).toEqual([]);
    await form.getByRole('button', { name: 'Send the application' }).click();
    await expect
      .poll(() => text(form.getByRole('alert')))
      .toBe('The budget is over the call’s cap of 1,000,000 KZT.');
    await form.getByLabel('Budget asked, KZT', { exact: true }).fill('900000');
    await form.getByRole('button', { name: 'Send the application' }).click();
    await expect.poll(() => text(page.getByTestId('application-status'))).toBe('Submitted');

    await signOut(page, server.url);
    await signIn(page, server.url, LISTED, PASSWORD);
    await page.goto(`${server.url}/competition/${callId}`);
    const refused = page.getByRole('form', { name: 'Apply for your organisation' });
    await refused.getByLabel('Project', { exact: true }).fill('Anything');
    await refused.getByLabel('Budget asked, KZT', { exact: true }).fill('500000');
    await refused.getByLabel('Expected volunteers', { exact: true }).fill('5');
    await refused.getByLabel('Expected beneficiaries', { exact: true }).fill('5');
    await refused.getByLabel('What the project will do', { exact: true }).fill('Anything');
    await refused.getByRole('button', { name: 'Send the application' }).click();
    await expect
      .poll(() => text(refused.getByRole('alert')))
      .toBe(
        'The organisation is on the register of unscrupulous grant implementers (Order No. 12 of 10.02.2026): it cannot apply.',
      );

    await inject('POST', `/api/competition/calls/${callId}/close-applications`, admin);
    await signOut(page, server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, RFO, PASSWORD);
    await page.goto(`${server.url}/competition/${callId}`);
    const app = page.getByTestId('application');
    await expect.poll(() => app.count()).toBe(1);
    const scoreForm = app.getByRole('form', { name: 'Оценка заявки «Green courtyards»' });
    await scoreForm.getByLabel('Моя оценка (1–10)', { exact: true }).fill('11');
    await scoreForm.getByRole('button', { name: 'Сохранить оценку' }).click();
    await expect.poll(() => text(scoreForm.getByRole('alert'))).toBe('Оценка — целое число от 1 до 10.');
    await scoreForm.getByLabel('Моя оценка (1–10)', { exact: true }).fill('8');
    await scoreForm.getByRole('button', { name: 'Сохранить оценку' }).click();
    await expect.poll(() => text(app.getByTestId('mean-score'))).toBe('8,00 (1 оценка)');
    expect(await seriousOnDesktopAndPhone(page, 'the commission', 'main')).toEqual([]);

    await signOut(page, server.url);
    await setLanguage(page, 'en');
    await signIn(page, server.url, ADMIN, PASSWORD);
    await page.goto(`${server.url}/competition/${callId}`);
    await page.getByRole('button', { name: 'Close the scores and select the winners' }).click();
    const table = page.getByTestId('applications');
    await expect.poll(() => text(table.locator('tbody tr'))).toContain('Winner');
    expect(await text(page.locator('h1 + p, .page-title p'))).toBe('Winners selected');
    expect(await seriousOnDesktopAndPhone(page, 'selected call', 'main')).toEqual([]);
  });
});
