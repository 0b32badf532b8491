// Applications, attendance and disputes in the browser (issue 11 items 4, 5 and 7). Set up over
// HTTP against the started server: an organisation registered and verified by the front office, an
// opportunity with one shift of 5 places, three volunteers applying. Then in Chromium: the
// coordinator (in Russian) accepts two and declines one with a reason; the shift is moved into the
// past in the database; the attendance sheet is saved for the whole shift at once — first refused
// for a row with more hours than the shift (named on its row, nothing saved), then with one hours
// edit — and a recorded one is corrected, then revoked, each with a reason; the volunteer (in
// Kazakh) sees the confirmed hours and disputes them; the front office (in English) upholds the
// dispute with the claimed hours; the volunteer sees the settlement; a withdrawal with a reason
// offers the place to the waitlist, where it is taken. axe at 1280 and 360 px on the three pages.
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
  signOut,
  startServer,
  text,
} from './helpers.ts';

const PASSWORD = 'e2e-password-2026';
const COORDINATOR = 'coord.apps@e2e.kz';
const RFO = 'rfo.apps@e2e.kz';

/** A client of the started server over HTTP: its session cookie and CSRF token. */
interface Client {
  cookie: string;
  csrf: string;
}

function newBin(): string {
  for (let s = 1; ; s++) {
    const b = withCheckDigit(`0812400${String(s).padStart(4, '0')}`);
    if (b) return b;
  }
}

/** A shift starting `days` days from now at 10:00 Kazakhstan time, for 4 hours. */
function futureShift(days: number) {
  const d = new Date(Date.now() + days * 24 * 3600_000 + 5 * 3600_000).toISOString().slice(0, 10);
  return { start: `${d}T10:00:00+05:00`, end: `${d}T14:00:00+05:00`, capacity: 5 };
}

describe('applications, attendance and disputes', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let opportunityId = 0;
  let shiftId = 0;
  let coordinator: Client;

  async function http<T>(
    who: Client | null,
    method: string,
    url: string,
    body?: object,
    expected = 200,
  ): Promise<T> {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    expect(res.status, `${method} ${url}: ${text}`).toBe(expected);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Signs in over HTTP (or takes the session a registration answered with). */
  async function clientOf(res: Response): Promise<Client> {
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const body = (await res.json()) as { csrfToken: string };
    return { cookie, csrf: body.csrfToken };
  }
  async function login(email: string): Promise<Client> {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return clientOf(res);
  }

  /** A volunteer account with a profile (adult, consent given, address confirmed). */
  async function volunteerAccount(
    email: string,
    name: string,
    skills: string[],
    birthDate = '1998-03-10',
  ): Promise<void> {
    await createUser(server.database, email, 'volunteer', null, PASSWORD);
    const user = await server.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await server.database.db
      .insertInto('volunteer_profile')
      .values({
        user_id: user.id,
        name,
        birth_date: birthDate,
        gender: 'female',
        region: 'KZ-75',
        employment: 'student',
        resident: 1,
        disability: 0,
        skills: JSON.stringify(skills),
        languages: '["kk","ru"]',
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
  }

  beforeAll(async () => {
    server = await startServer();
    await createUser(server.database, RFO, 'rfo', 'KZ-75', PASSWORD);
    // The organisation registers with its coordinator; the front office of its region verifies it.
    const reg = await fetch(`${server.url}/api/platform/organizations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Жас Қанат',
        type: 'npo',
        bin: newBin(),
        region: 'KZ-75',
        email: COORDINATOR,
        password: PASSWORD,
        contactName: 'Данияр',
        lang: 'ru',
      }),
    });
    expect(reg.status, await reg.clone().text()).toBe(201);
    const orgId = ((await reg.clone().json()) as { organization: { id: number } }).organization.id;
    const rfo = await login(RFO);
    await http(rfo, 'POST', `/api/platform/organizations/${orgId}/verify`, { decision: 'verified' });
    // The coordinator publishes an opportunity with one shift of 5 places.
    coordinator = await login(COORDINATOR);
    const created = await http<{ id: number; shifts: { id: number }[] }>(
      coordinator,
      'POST',
      '/api/platform/opportunities',
      {
        title: 'Саябақты <b>тазалау</b>',
        description: 'Қолғап алыңыз',
        area: 'taza_alem',
        region: 'KZ-75',
        format: 'offline',
        skills: ['first aid'],
        shifts: [futureShift(10)],
      },
      201,
    );
    opportunityId = created.id;
    shiftId = created.shifts[0]?.id as number;
    await http(coordinator, 'POST', `/api/platform/opportunities/${opportunityId}/publish`, {});
    // Three volunteers apply.
    const people: [string, string, string[]][] = [
      ['aigerim.apps@e2e.kz', 'Айгерим Сапарова', ['first aid']],
      ['bolat.apps@e2e.kz', 'Болат <i>Ахметов</i>', ['photography', 'driving']],
      ['saule.apps@e2e.kz', 'Сауле Нурланова', []],
    ];
    for (const [email, name, skills] of people) {
      await volunteerAccount(email, name, skills);
      const v = await login(email);
      const r = await http<{ status: string }>(
        v,
        'POST',
        `/api/platform/shifts/${shiftId}/applications`,
        {},
        201,
      );
      expect(r.status).toBe('pending');
    }
    // A 16-year-old applies with the guardian's consent; the guardian's address changes afterwards,
    // so the consent is asked again: the coordinator cannot accept until it is given.
    const minor = new Date(Date.now() - 16.5 * 365.25 * 24 * 3600_000).toISOString().slice(0, 10);
    await volunteerAccount('dana.apps@e2e.kz', 'Дана Ержанова', [], minor);
    const dana = await login('dana.apps@e2e.kz');
    await http(dana, 'POST', `/api/platform/shifts/${shiftId}/applications`, {}, 201);
    await server.database.db
      .updateTable('volunteer_profile')
      .set({ guardian_status: 'pending', guardian_name: 'Ержан', guardian_email: 'erzhan@e2e.kz' })
      .where('name', '=', 'Дана Ержанова')
      .execute();
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    await page.goto(server.url);
    await setLanguage(page, 'ru');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const applicant = (name: string) =>
    page.getByTestId('applicant').filter({ has: page.getByText(name, { exact: true }) });

  it('the coordinator accepts two and declines one with a reason (in Russian)', async () => {
    await signIn(page, server.url, COORDINATOR, PASSWORD);
    await page.goto(`${server.url}/platform/my/opportunities/${opportunityId}`);
    await expect.poll(() => page.getByTestId('applicant').count()).toBe(4);
    expect(await text(page.locator('h1'))).toBe('Заявки и присутствие: Саябақты <b>тазалау</b>');
    expect(await page.locator('h1 b').count()).toBe(0);
    expect(await text(page.getByTestId('shift-places'))).toBe('Занято мест: 4 из 5');
    // Names and skills as typed; markup stays text.
    const bolat = applicant('Болат <i>Ахметов</i>');
    expect(await bolat.locator('i').count()).toBe(0);
    expect(await text(bolat)).toMatch(/Навыки\s*photography, driving/);
    expect(await text(bolat.getByTestId('applicant-status'))).toBe('Ждёт ответа');
    expect(await seriousOnDesktopAndPhone(page, 'applicants', 'main')).toEqual([]);

    await applicant('Айгерим Сапарова').getByRole('button', { name: 'Принять' }).click();
    await expect
      .poll(() => text(applicant('Айгерим Сапарова').getByTestId('applicant-status')))
      .toBe('Принята');
    await bolat.getByRole('button', { name: 'Принять' }).click();
    await expect.poll(() => text(bolat.getByTestId('applicant-status'))).toBe('Принята');

    const saule = applicant('Сауле Нурланова');
    await saule.getByRole('button', { name: 'Отклонить' }).click();
    const dialog = page.getByRole('dialog', { name: 'Отклонить заявку: Сауле Нурланова?' });
    // No reason chosen yet: the step cannot be confirmed.
    expect(await dialog.getByRole('button', { name: 'Отклонить' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Причина').selectOption({ label: 'нет мест' });
    await dialog.getByLabel('Примечание для волонтёра (необязательно)').fill('Возьмём на следующую смену');
    expect(await seriousOnDesktopAndPhone(page, 'applicants, decline', 'dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Отклонить' }).click();
    await expect.poll(() => text(saule.getByTestId('applicant-status'))).toBe('Отклонена');
    expect(await text(saule)).toMatch(/Причина\s*нет мест/);
    expect(await text(page.getByTestId('shift-places'))).toBe('Занято мест: 3 из 5');

    // The minor: warned, and accepting is refused with the reason in Russian.
    const dana = applicant('Дана Ержанова');
    expect(await text(dana.getByTestId('guardian-pending'))).toBe(
      'Младше 18 лет: родитель или опекун ещё не дал согласие — принять можно только после этого.',
    );
    expect(await text(dana)).toMatch(/Возраст\s*16/);
    await dana.getByRole('button', { name: 'Принять' }).click();
    await expect
      .poll(() => text(dana.getByRole('alert')))
      .toBe(
        'Родитель или опекун ещё не дал согласие: волонтёра младше 18 лет можно принять только после этого.',
      );
    expect(await text(dana.getByTestId('applicant-status'))).toBe('Ждёт ответа');
  });

  it('saves the started shift’s attendance at once: a row refused, then one hours edit', async () => {
    // The shift started 5 hours ago and lasted 4: attendance opens.
    const start = new Date(Date.now() - 5 * 3600_000);
    await server.database.db
      .updateTable('opportunity_shift')
      .set({
        start_at: start.toISOString(),
        end_at: new Date(start.getTime() + 4 * 3600_000).toISOString(),
      })
      .where('id', '=', shiftId)
      .execute();
    await page.reload();
    const sheet = page.getByTestId('attendance-sheet');
    await expect.poll(() => sheet.getByTestId('attendance-row').count()).toBe(2);
    expect(await text(sheet)).toContain('не больше длительности смены, 4 ч');
    const hoursA = sheet.getByLabel('Часы: Айгерим Сапарова');
    const hoursB = sheet.getByLabel('Часы: Болат <i>Ахметов</i>');
    expect(await hoursA.inputValue()).toBe('4');
    expect(await sheet.getByLabel('Айгерим Сапарова пришёл(ла)').isChecked()).toBe(true);
    expect(await seriousOnDesktopAndPhone(page, 'attendance sheet', 'main')).toEqual([]);

    // More than the shift's length: the whole sheet is refused, the row says why, nothing saved.
    await hoursB.fill('5');
    await sheet.getByRole('button', { name: 'Сохранить присутствие' }).click();
    await expect
      .poll(() => text(sheet.getByTestId('row-problem')))
      .toBe('Не больше длительности смены: 4 ч.');
    expect(await text(sheet)).toContain('Ничего не сохранено');
    expect(await hoursB.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('recorded').count()).toBe(0);

    await hoursB.fill('3,5');
    await sheet.getByRole('button', { name: 'Сохранить присутствие' }).click();
    await expect
      .poll(() => text(page.getByTestId('attendance-saved')))
      .toBe('Сохранено: пришли 2, всего 7,5 ч.');
    await expect.poll(() => page.getByTestId('recorded').count()).toBe(2);
    expect(await sheet.getByTestId('attendance-row').count()).toBe(0);
    const recordedB = page.getByTestId('recorded').filter({ hasText: 'Болат' });
    expect(await text(recordedB.getByTestId('recorded-hours'))).toBe('Часы: 3,5 ч');
    expect(await text(recordedB.getByTestId('applicant-status'))).toBe('Пришёл(ла)');
    expect(await seriousOnDesktopAndPhone(page, 'attendance recorded', 'main')).toEqual([]);
    // A correction needs a reason: Aigerim's 4 hours become 3.
    const recordedA = page.getByTestId('recorded').filter({ hasText: 'Айгерим' });
    await recordedA.getByRole('button', { name: 'Исправить' }).click();
    const correct = page.getByRole('dialog', { name: 'Исправить присутствие: Айгерим Сапарова' });
    await correct.getByLabel('Часы', { exact: true }).fill('3');
    expect(await correct.getByRole('button', { name: 'Исправить' }).isDisabled()).toBe(true);
    await correct.getByLabel('Причина изменения').fill('Ушла в 13:00');
    expect(await seriousOnDesktopAndPhone(page, 'attendance, correction', 'dialog')).toEqual([]);
    await correct.getByRole('button', { name: 'Исправить' }).click();
    await expect.poll(() => text(recordedA.getByTestId('recorded-hours'))).toBe('Часы: 3 ч');
    // Revoked with a reason: kept, shown, no longer counted, nothing more to do with it.
    await recordedA.getByRole('button', { name: 'Отозвать часы' }).click();
    const revoke = page.getByRole('dialog', { name: 'Отозвать часы: Айгерим Сапарова?' });
    await revoke.getByLabel('Почему часы отзываются?').fill('Записана по ошибке');
    await revoke.getByRole('button', { name: 'Отозвать часы' }).click();
    await expect
      .poll(() => text(recordedA.getByTestId('recorded-hours')))
      .toBe('Часы: 3 ч — Отозваны организатором: не учитываются');
    expect(await recordedA.getByRole('button').count()).toBe(0);
    // The declined one stays listed with the other applicants.
    expect(await text(applicant('Сауле Нурланова').getByTestId('applicant-status'))).toBe('Отклонена');
  });

  it('the volunteer sees the confirmed hours and disputes them (in Kazakh)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'kk');
    await signIn(page, server.url, 'bolat.apps@e2e.kz', PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me`);
    await page.getByRole('link', { name: 'Менің өтінімдерім мен расталған сағаттарым' }).click();
    await page.waitForURL(/\/platform\/volunteers\/me\/applications$/);
    const menu = page.getByRole('navigation').getByRole('link', { name: 'Менің өтінімдерім' });
    expect(await menu.getAttribute('aria-current')).toBe('page');
    await expect.poll(() => text(page.getByTestId('confirmed-hours'))).toBe('3,5 сағ');
    const card = page.getByTestId('application');
    expect(await card.count()).toBe(1);
    expect(await text(card.locator('h2'))).toBe('Саябақты <b>тазалау</b>');
    expect(await card.locator('h2 b').count()).toBe(0);
    expect(await text(card)).toMatch(/Ұйымдастырушы\s*Жас Қанат/);
    expect(await text(card.getByTestId('application-status'))).toBe('Келді');
    expect(await text(card.getByTestId('application-hours'))).toBe('3,5 сағ');
    expect(await text(card)).toMatch(/Бұл сағаттарға \d\d\.\d\d\.\d{4}, \d\d:\d\d дейін дау айтуға болады\./);
    // The trail, folded: applied, accepted, came.
    await card.locator('summary', { hasText: 'Тарихы' }).click();
    expect(await text(card.locator('.trail'))).toMatch(
      /Жауап күтуде \(сіз\).*Қабылданды \(ұйымдастырушы\).*Келді \(ұйымдастырушы\)/s,
    );
    expect(await seriousOnDesktopAndPhone(page, 'my applications', 'main')).toEqual([]);

    await card.getByRole('button', { name: 'Сағаттарға дау айту' }).click();
    const form = card.getByRole('form', { name: 'Сағаттарға дау айту' });
    await form.getByLabel('Не дұрыс емес?').fill('Мен 4 сағат жұмыс істедім <script>x</script>');
    await form.getByLabel('Сіз жұмыс істеген сағаттар (міндетті емес)').fill('4');
    expect(await seriousOnDesktopAndPhone(page, 'my applications, dispute', 'main')).toEqual([]);
    await form.getByRole('button', { name: 'Дауды жіберу' }).click();
    await expect.poll(() => text(card.getByTestId('dispute-status'))).toBe('Фронт-офистің шешімін күтуде');
    expect(await text(card)).toContain('Жіберілді: өңірдің фронт-офисі жауап береді.');
    expect(await card.getByRole('button', { name: 'Сағаттарға дау айту' }).count()).toBe(0);
  });

  it('the front office upholds the dispute with the claimed hours (in English)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'en');
    await signIn(page, server.url, RFO, PASSWORD);
    await page.goto(`${server.url}/rfo`);
    await page.getByRole('link', { name: 'Disputes of volunteers’ hours' }).click();
    await page.waitForURL(/\/platform\/disputes/);
    // The demo data may have open disputes of its own in the region: Bolat's is one of them.
    const cards = page.getByTestId('dispute');
    const mine = cards.filter({ has: page.locator('h2', { hasText: 'Болат <i>Ахметов</i>' }) });
    await expect.poll(() => mine.count()).toBe(1);
    const open = await cards.count();
    expect(await text(page.getByTestId('dispute-count'))).toBe(open === 1 ? '1 dispute' : `${open} disputes`);
    const d = mine.nth(0);
    expect(await text(d.locator('h2'))).toBe('Болат <i>Ахметов</i>');
    expect(await text(d.getByTestId('dispute-recorded'))).toBe('3.5 h');
    expect(await text(d.getByTestId('dispute-claimed'))).toBe('4 h');
    expect(await text(d)).toContain('Мен 4 сағат жұмыс істедім <script>x</script>');
    expect(await d.locator('script').count()).toBe(0);
    expect(await text(d)).toMatch(/Organiser\s*Жас Қанат/);
    expect(await seriousOnDesktopAndPhone(page, 'disputes', 'main')).toEqual([]);

    await d.getByRole('button', { name: 'Uphold' }).click();
    const form = d.getByRole('form', { name: 'Uphold' });
    expect(await form.getByLabel('Hours to confirm').inputValue()).toBe('4');
    await form.getByLabel('A note (the volunteer reads it)').fill('The sign-in sheet shows 4 hours');
    expect(await seriousOnDesktopAndPhone(page, 'disputes, uphold', 'main')).toEqual([]);
    await form.getByRole('button', { name: 'Uphold' }).click();
    await expect.poll(() => mine.count()).toBe(0);
    expect(await cards.count()).toBe(open - 1);

    await page.getByLabel('Status').selectOption('upheld');
    await page.waitForURL(/status=upheld/);
    await expect.poll(() => mine.count()).toBe(1);
    expect(await text(mine)).toMatch(/Answer\s*The sign-in sheet shows 4 hours/);
    expect(await text(mine.getByTestId('dispute-recorded'))).toBe('4 h');
  });

  it('the volunteer sees the settlement and the hours it confirmed (in Kazakh)', async () => {
    await signOut(page, server.url);
    await setLanguage(page, 'kk');
    await signIn(page, server.url, 'bolat.apps@e2e.kz', PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me/applications`);
    await expect.poll(() => text(page.getByTestId('confirmed-hours'))).toBe('4 сағ');
    const card = page.getByTestId('application');
    expect(await text(card.getByTestId('dispute-status'))).toBe(
      'ҚанағаттандырылдыЖауап: The sign-in sheet shows 4 hours',
    );
    expect(await text(card.getByTestId('application-hours'))).toBe('4 сағ');

    // The declined volunteer reads the reason in words.
    await signOut(page, server.url);
    await signIn(page, server.url, 'saule.apps@e2e.kz', PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me/applications`);
    const declined = page.getByTestId('application');
    await expect.poll(() => text(declined.getByTestId('application-status'))).toBe('Қабылданбады');
    expect(await text(declined.getByTestId('application-reason'))).toBe('бос орын жоқ');
    expect(await text(declined)).toContain('Возьмём на следующую смену');
    expect(await text(page.getByTestId('confirmed-hours'))).toBe('0 сағ');
  });
  it('a volunteer withdraws with a reason and the next on the waitlist takes the place offered (in Kazakh)', async () => {
    // One place: Aigerim holds it, Saule waits.
    const created = await http<{ id: number; shifts: { id: number }[] }>(
      coordinator,
      'POST',
      '/api/platform/opportunities',
      {
        title: 'Кітапхана күні',
        description: 'Кітап сөрелерін реттеу',
        area: 'taza_alem',
        region: 'KZ-75',
        format: 'offline',
        shifts: [{ ...futureShift(12), capacity: 1 }],
      },
      201,
    );
    await http(coordinator, 'POST', `/api/platform/opportunities/${created.id}/publish`, {});
    const shift = created.shifts[0]?.id as number;
    const first = await login('aigerim.apps@e2e.kz');
    expect(
      (await http<{ status: string }>(first, 'POST', `/api/platform/shifts/${shift}/applications`, {}, 201))
        .status,
    ).toBe('pending');
    const second = await login('saule.apps@e2e.kz');
    expect(
      (await http<{ status: string }>(second, 'POST', `/api/platform/shifts/${shift}/applications`, {}, 201))
        .status,
    ).toBe('waitlisted');

    await signOut(page, server.url);
    await signIn(page, server.url, 'aigerim.apps@e2e.kz', PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me/applications`);
    const card = page.getByTestId('application').filter({ hasText: 'Кітапхана күні' });
    await expect.poll(() => text(card.getByTestId('application-status'))).toBe('Жауап күтуде');
    // Newest shift first: the library day (in 12 days) above the park (started hours ago).
    expect(await text(page.getByTestId('application').first().locator('h2'))).toBe('Кітапхана күні');
    await card.getByRole('button', { name: 'Қайтарып алу' }).click();
    const dialog = page.getByRole('dialog', { name: '«Кітапхана күні» өтінімі қайтарып алынсын ба?' });
    const reasons = await dialog.getByLabel('Неге қайтарып аласыз?').locator('option').allTextContents();
    expect(reasons).toEqual(['сол уақытта бос емес', 'басқа себеп']);
    await dialog.getByLabel('Неге қайтарып аласыз?').selectOption('other');
    expect(await seriousOnDesktopAndPhone(page, 'my applications, withdraw', 'dialog')).toEqual([]);
    await dialog.getByRole('button', { name: 'Қайтарып алу' }).click();
    await expect.poll(() => text(card.getByTestId('application-status'))).toBe('Қайтарып алынды');
    expect(await text(card.getByTestId('application-reason'))).toBe('басқа себеп');

    await signOut(page, server.url);
    await signIn(page, server.url, 'saule.apps@e2e.kz', PASSWORD);
    await page.goto(`${server.url}/platform/volunteers/me/applications`);
    const offered = page.getByTestId('application').filter({ hasText: 'Кітапхана күні' });
    await expect.poll(() => text(offered.getByTestId('application-status'))).toBe('Күту тізімінде');
    expect(await text(offered.getByTestId('offer'))).toMatch(
      /^Сізге орын босады: оны \d\d\.\d\d\.\d{4}, \d\d:\d\d дейін алыңыз\.$/,
    );
    expect(await seriousOnDesktopAndPhone(page, 'my applications, offer', 'main')).toEqual([]);
    await offered.getByRole('button', { name: 'Орынды алу' }).click();
    await expect.poll(() => text(offered.getByTestId('application-status'))).toBe('Жауап күтуде');
    expect(await text(offered)).toContain('Орын сіздікі: ұйымдастырушы жауап береді.');
    expect(await offered.getByTestId('offer').count()).toBe(0);
  });
});
