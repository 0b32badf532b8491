// What typing survives: a draft outlives a reload and a lost connection; an expired session opens
// the sign-in dialog over the form and the save then goes through; a stale save shows the merge.

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_COLUMNS } from '../src/domain/activity-rules.ts';
import type { Activity, ActivityPage } from '../src/modules/activities/activities.schemas.ts';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  serious,
  setLanguage,
  signIn,
  startServer,
} from './helpers.ts';

const REGION = 'KZ-75';
const PERIOD = '2024-05';

describe('data entry robustness', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let rfo: { email: string; password: string };

  beforeAll(async () => {
    server = await startServer();
    rfo = await createUser(server.database, 'rfo.robust@e2e.kz', 'rfo', REGION);
    browser = await launchBrowser('en-GB');
    page = await browser.newPage();
  });

  let signedIn = false;
  const ready = async () => {
    if (signedIn) return;
    await page.goto(server.url);
    await setLanguage(page, 'en');
    await signIn(page, server.url, rfo.email, rfo.password);
    signedIn = true;
  };
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const openForm = async () => {
    await page.goto(`${server.url}/rfo/${REGION}/${PERIOD}`);
    await page.getByRole('button', { name: 'Add an activity' }).click();
    await page.getByLabel('Title').waitFor();
  };

  it('validates inline with the shared rules', async () => {
    await ready();
    await openForm();
    await page.getByLabel('Volunteers', { exact: true }).fill('0');
    await page.getByLabel('Volunteers', { exact: true }).blur();
    await page.getByText('Must be at least 1').waitFor();
    await page.getByLabel('Start date').fill('2024-06-01');
    await page.getByLabel('Start date').blur();
    await page.getByText('The date is outside the month').waitFor();
  });

  it('keeps the draft across a reload and while offline', async () => {
    await ready();
    await openForm();
    await page.getByLabel('Title').fill('Tree planting in the park');
    await page.reload();
    await page.getByRole('button', { name: 'Add an activity' }).click();
    expect(await page.getByLabel('Title').inputValue()).toBe('Tree planting in the park');
    await page.getByText('An unsaved draft was restored.').waitFor();

    await page.getByLabel('Organisation', { exact: true }).fill('Green Almaty');
    await page.getByLabel('Organisation type').selectOption('npo');
    await page.getByLabel('Area').selectOption('taza_alem');
    await page.getByLabel('Format').selectOption('offline');
    await page.getByLabel('Kind').selectOption('event');
    await page.getByLabel('Start date').fill('2024-05-04');
    await page.getByLabel('End date').fill('2024-05-04');
    await page.getByLabel('Volunteers', { exact: true }).fill('12');
    await page.getByLabel('Hours').fill('36');
    await browser.setOffline(true);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The server could not be reached').waitFor();
    await browser.setOffline(false);
    await page.reload();
    await page.getByRole('button', { name: 'Add an activity' }).click();
    expect(await page.getByLabel('Hours').inputValue()).toBe('36');
  });

  it('an expired session opens the sign-in dialog and the save goes through after it', async () => {
    await ready();
    await browser.clearCookies();
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await serious(page, 'robustness')).toEqual([]);
    await dialog.getByLabel('Password').fill(rfo.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The save went through: the form closed and the record is in the month's table and the API.
    const table = page.getByTestId('activity-table');
    await table.getByText('Tree planting in the park').waitFor();
    expect(await table.locator('tbody tr[data-activity]').count()).toBe(1);
    const api = await page.request.get(`${server.url}/api/activities?region=${REGION}&period=${PERIOD}`);
    const list = (await api.json()) as ActivityPage;
    expect(list.items.map((a) => [a.title, a.volunteers, a.hours])).toEqual([
      ['Tree planting in the park', 12, 36],
    ]);
    // and the draft is gone.
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bgz.draft.activity'))),
    ).toEqual([]);
  });

  it('a save against a record changed meanwhile shows what changed and merges field by field', async () => {
    await ready();
    const read = async () =>
      (
        (await (
          await page.request.get(`${server.url}/api/activities?region=${REGION}&period=${PERIOD}`)
        ).json()) as ActivityPage
      ).items[0] as Activity;
    const before = await read();
    await page.goto(`${server.url}/rfo/${REGION}/${PERIOD}`);
    await page.getByRole('button', { name: `Edit: ${before.title}` }).click();
    await page.getByLabel('Title').fill('Tree planting in the central park');

    // Meanwhile the record is changed elsewhere (same account, another tab).
    const { csrfToken } = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const { id, version, ...rest } = before;
    const body = Object.fromEntries(
      ACTIVITY_COLUMNS.map((c) => [c, (rest as Record<string, unknown>)[c] ?? null]),
    );
    const changed = await page.request.put(`${server.url}/api/activities/${id}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { ...body, hours: 40, notes: 'Checked by the office', version },
    });
    expect(changed.status()).toBe(200);

    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Someone else changed this record').waitFor();
    const rows = dialog.locator('tbody tr');
    expect(await rows.count()).toBe(3); // title, hours, notes
    expect(await serious(page, 'robustness')).toEqual([]);
    await dialog.getByRole('row', { name: /Hours/ }).getByRole('radio').nth(1).check();
    await dialog.getByRole('row', { name: /Notes/ }).getByRole('radio').nth(1).check();
    await dialog.getByRole('button', { name: 'Merge and save' }).click();
    await page.getByTestId('activity-table').getByText('Tree planting in the central park').waitFor();
    const after = await read();
    expect([after.title, after.hours, after.notes, after.version]).toEqual([
      'Tree planting in the central park',
      40,
      'Checked by the office',
      version + 2,
    ]);
  });
});
