// The monthly workflow in a real browser, as DOMAIN.md §4 describes it: the regional front office
// uploads a file with errors and sees every one of them, fixes the file, saves it and submits; the
// national office returns it with a comment; the region sees the comment and resubmits; the
// national office accepts it; the annual report then carries the month, downloads and opens. Every
// step asks first in a dialog saying what will happen; an accepted month is reopened with a reason
// (issue 10 item 1), leaves the published report and is back with the region.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../src/domain/ids.ts';
import type { ActivityPage } from '../src/modules/activities/activities.schemas.ts';
import {
  createUser,
  type E2EServer,
  launchBrowser,
  screenshot,
  serious,
  seriousOnDesktopAndPhone,
  setLanguage,
  signIn,
  signOut,
  startServer,
  text,
} from './helpers.ts';

const REGION = 'KZ-75';
const PERIOD = '2024-03';
const HEADER =
  'region,period,organization,organization_type,organization_bin,title,area,format,kind,start_date,end_date,volunteers,hours';

function goodBin(): string {
  return withCheckDigit('22044000123') as string;
}
function badBin(): string {
  const good = goodBin();
  return good.slice(0, 11) + String((Number(good[11]) + 1) % 10);
}

const badCsv = [
  HEADER,
  `${REGION},${PERIOD},Жастар орталығы,npo,${goodBin()},Саябақты тазалау,taza_alem,offline,event,2024-03-02,2024-03-02,10,-5`,
  `${REGION},${PERIOD},Жастар орталығы,npo,,Қарттарға көмек,qamqor,offline,event,2024-04-02,2024-04-02,5,10`,
  `${REGION},${PERIOD},Жастар орталығы,npo,,Белгісіз бағыт,no_such_area,offline,event,2024-03-05,2024-03-05,5,10`,
  `${REGION},${PERIOD},Қайырымдылар,npo,${badBin()},Кітап жинау,bilim,online,event,2024-03-06,2024-03-06,3,6`,
].join('\n');

const goodCsv = [
  HEADER,
  `${REGION},${PERIOD},Жастар орталығы,npo,${goodBin()},Саябақты тазалау,taza_alem,offline,event,2024-03-02,2024-03-02,10,40`,
  `${REGION},${PERIOD},Жастар орталығы,npo,,Қарттарға көмек,qamqor,offline,event,2024-03-12,2024-03-12,5,10`,
  `${REGION},${PERIOD},Жастар орталығы,npo,,Балалар үйіне сабақ,bilim,offline,ongoing,2024-03-01,2024-03-31,4,48`,
  `${REGION},${PERIOD},Қайырымдылар,initiative_group,,Кітап жинау,bilim,online,event,2024-03-06,2024-03-06,3,6`,
].join('\n');

describe('regional submission workflow', () => {
  let server: E2EServer;
  let browser: BrowserContext;
  let page: Page;
  let rfo: { email: string; password: string };
  let admin: { email: string; password: string };
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    // The demo accounts of the README when the demo data is there; accounts of the test's own otherwise.
    rfo = await createUser(server.database, 'rfo.flow@e2e.kz', 'rfo', REGION);
    admin = await createUser(server.database, 'national.flow@e2e.kz', 'national_admin', null);
    browser = await launchBrowser('ru-RU');
    page = await browser.newPage();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bgz-e2e-files-'));
    fs.writeFileSync(path.join(dir, 'activities-bad.csv'), badCsv);
    fs.writeFileSync(path.join(dir, 'activities.csv'), goodCsv);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const openMonth = async () => {
    await page.goto(`${server.url}/rfo/${REGION}/${PERIOD}`);
    await page.locator('.submission-bar .badge').waitFor();
  };
  const status = async () => page.locator('.submission-bar .badge').first().getAttribute('data-status');
  /**
   * The confirmation of a step: its title and text say what will happen; axe finds nothing serious
   * in it, at 1280 px and on a 360 px phone, where it fits the screen.
   */
  const confirmDialog = async (title: RegExp, says: RegExp) => {
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await text(dialog.getByRole('heading'))).toMatch(title);
    expect(await text(dialog)).toMatch(says);
    expect(await seriousOnDesktopAndPhone(page, 'confirmation', 'dialog')).toEqual([]);
    return dialog;
  };
  /** The checks before submitting are shown; their warnings (an outlier here) confirmed (e2e/checks.test.ts tests them). */
  const checked = async (dialog: ReturnType<Page['getByRole']>) => {
    await dialog.getByTestId('submit-checks').waitFor();
    const confirm = dialog.getByTestId('confirm-warnings');
    if ((await confirm.count()) > 0) await confirm.check();
    return dialog;
  };
  const activities = async () =>
    (
      (await (
        await page.request.get(`${server.url}/api/activities?region=${REGION}&period=${PERIOD}`)
      ).json()) as ActivityPage
    ).items;

  it('RFO: the file with errors shows every error and saves nothing; the fixed file is saved; submit', async () => {
    await page.goto(server.url);
    await setLanguage(page, 'ru');
    await signIn(page, server.url, rfo.email, rfo.password);
    await page.waitForURL(/\/rfo/);
    await page.locator('.month-card').first().waitFor();
    const periods = await page
      .locator('.month-card')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-period') ?? ''));
    // Twelve months, then the half-years and the year (the stocks).
    expect(periods.filter((p) => /^\d{4}-\d{2}$/.test(p))).toHaveLength(12);
    expect(periods.filter((p) => /^\d{4}(-H[12])?$/.test(p))).toHaveLength(3);

    await openMonth();
    await page.getByRole('tab', { name: 'Загрузка файла' }).click();
    const panel = page.locator('section[aria-labelledby="import-activities"]');
    await panel.locator('input[type=file]').setInputFiles(path.join(dir, 'activities-bad.csv'));
    // The preview shows the file's first lines before anything is sent.
    await panel.getByRole('table', { name: /Первые строки/ }).waitFor();
    await panel.getByRole('button', { name: 'Проверить' }).click();
    const table = page.getByTestId('problem-table');
    await table.waitFor();
    const shown = await text(table);
    for (const rule of ['min', 'date_outside_period', 'unknown_code', 'bin_check_digit'])
      expect(shown).toContain(rule);
    // Every error: one row each, with the file's row number, the column and the value.
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(cells).toContainEqual(expect.arrayContaining(['2', 'Часы', '-5', 'min']));
    expect(cells).toContainEqual(
      expect.arrayContaining(['4', 'Направление', 'no_such_area', 'unknown_code']),
    );
    // Nothing was written.
    expect(await activities()).toEqual([]);
    await screenshot(page, 'rfo-import-errors');
    expect(await serious(page, 'import errors')).toEqual([]);

    await panel.locator('input[type=file]').setInputFiles(path.join(dir, 'activities.csv'));
    await panel.getByRole('button', { name: 'Проверить' }).click();
    await page.getByTestId('import-checked').waitFor();
    expect(await page.getByTestId('problem-table').count()).toBe(0);
    expect(await activities()).toEqual([]); // checked, still not saved
    await page.getByTestId('import-checked').getByRole('button').click();
    await page.getByTestId('import-saved').waitFor();
    expect((await activities()).map((a) => a.title).sort()).toEqual(
      ['Балалар үйіне сабақ', 'Кітап жинау', 'Қарттарға көмек', 'Саябақты тазалау'].sort(),
    );

    await page.getByRole('tab', { name: 'Мероприятия' }).click();
    await expect
      .poll(async () => page.getByTestId('activity-table').locator('tbody tr[data-activity]').count())
      .toBe(4);
    await screenshot(page, 'rfo-month');

    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    const ask = await confirmDialog(/^Отправить на проверку: .+, .*2024\?$/, /только после возврата/);
    // Escape cancels: nothing was sent.
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect(await status()).toBe('draft');
    await page.getByRole('button', { name: 'Отправить на проверку' }).click();
    await (await checked(await confirmDialog(/Отправить на проверку/, /Национальный офис проверит/)))
      .getByRole('button', { name: 'Отправить на проверку' })
      .click();
    await expect.poll(status).toBe('submitted');
    // Submitted: read-only for the region.
    expect(await page.getByTestId('add-activity').count()).toBe(0);
  });

  it("RFO downloads a blank template and the year's data, which holds the saved rows", async () => {
    await page.goto(`${server.url}/rfo?year=2024`);
    const files = page.locator('section[aria-labelledby="tpl-title"]');
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      files.getByRole('link', { name: /Пустой шаблон: Мероприятия, \.xlsx/ }).click(),
    ]);
    const tpl = path.join(dir, 'template.xlsx');
    await template.saveAs(tpl);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(tpl);
    expect(book.worksheets[0]?.getRow(1).getCell(1).value).toBe('Регион');
    const [data] = await Promise.all([
      page.waitForEvent('download'),
      files.getByRole('link', { name: /Данные за 2024 год: Мероприятия, \.csv/ }).click(),
    ]);
    const csv = fs.readFileSync(await data.path(), 'utf8');
    for (const title of ['Саябақты тазалау', 'Қарттарға көмек', 'Балалар үйіне сабақ', 'Кітап жинау'])
      expect(csv).toContain(title);
  });

  it('national office returns the submission with a comment', async () => {
    await signOut(page, server.url);
    await signIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/national?year=2024`);
    const cell = page.locator(`a.cell[href="/national/review/${REGION}/${PERIOD}"]`);
    await cell.waitFor();
    expect(await cell.getAttribute('data-status')).toBe('submitted');
    await screenshot(page, 'national-matrix');
    await cell.click();
    await page.waitForURL(/\/national\/review\//);
    // The month's figures against the earlier months, and the four records.
    await page.getByTestId('review-figures').waitFor();
    await expect.poll(async () => page.getByTestId('review-rows').locator('tbody tr').count()).toBe(4);
    await page.getByRole('button', { name: 'Вернуть с комментарием' }).click();
    // A return needs a comment.
    await page.getByText('Для возврата напишите комментарий.').waitFor();
    await page.getByLabel('Комментарий для региона').fill('Уточните часы мероприятия «Саябақты тазалау».');
    await page.getByRole('button', { name: 'Вернуть с комментарием' }).click();
    await (await confirmDialog(/^Вернуть региону: .+\?$/, /снова изменить данные/))
      .getByRole('button', { name: 'Вернуть с комментарием' })
      .click();
    await page.getByText('Отчёт возвращён региону.').waitFor();
    await screenshot(page, 'national-review');
  });

  it('RFO sees the comment and resubmits', async () => {
    await signOut(page, server.url);
    await signIn(page, server.url, rfo.email, rfo.password);
    await page.goto(`${server.url}/rfo?year=2024`);
    const card = page.locator(`.month-card[data-period="${PERIOD}"]`);
    await expect.poll(async () => card.getAttribute('data-status')).toBe('returned');
    expect(await text(card)).toContain('Уточните часы');
    await openMonth();
    expect(await text(page.getByTestId('return-comment'))).toContain('Уточните часы');
    await page.getByRole('button', { name: 'Отправить повторно' }).click();
    await (await checked(await confirmDialog(/Отправить на проверку/, /Национальный офис проверит/)))
      .getByRole('button', { name: 'Отправить повторно' })
      .click();
    await expect.poll(status).toBe('submitted');
  });

  it('national office accepts it', async () => {
    await signOut(page, server.url);
    await signIn(page, server.url, admin.email, admin.password);
    await page.goto(`${server.url}/national/review/${REGION}/${PERIOD}`);
    await page.getByRole('button', { name: 'Принять' }).click();
    const ask = await confirmDialog(/^Принять: .+, .*2024\?$/, /опубликованную статистику/);
    await ask.getByRole('button', { name: 'Отмена' }).click();
    await ask.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Принять' }).click();
    await (await confirmDialog(/Принять/, /опубликованную статистику/))
      .getByRole('button', { name: 'Принять' })
      .click();
    await page.getByText('Отчёт принят.').waitFor();
    await page.goto(`${server.url}/national?year=2024`);
    const cell = page.locator(`a.cell[href="/national/review/${REGION}/${PERIOD}"]`);
    await expect.poll(async () => cell.getAttribute('data-status')).toBe('accepted');
  });

  it('the annual report of the year carries the accepted month, downloads as .xlsx and .docx and opens', async () => {
    const hours = 40 + 10 + 48 + 6;
    const json = (await (await page.request.get(`${server.url}/api/reports/annual/2024?lang=ru`)).json()) as {
      totals: { hours: number | null };
    };
    expect(json.totals.hours).toBe(hours);
    await page.goto(`${server.url}/reports?year=2024`);
    await page.getByRole('heading', { name: /Ежегодный аналитический отчёт · 2024/ }).waitFor();
    for (const [id, ext] of [
      ['download-xlsx', 'xlsx'],
      ['download-docx', 'docx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`2024.*\\.${ext}$`));
      const file = path.join(dir, `annual.${ext}`);
      await download.saveAs(file);
      if (ext === 'xlsx') {
        // Opens as a workbook whose cells hold the year's hours.
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(file);
        expect(book.worksheets.length).toBeGreaterThan(1);
        const values = book.worksheets.flatMap((ws) => {
          const out: unknown[] = [];
          ws.eachRow((row) => {
            row.eachCell((c) => {
              out.push(c.value);
            });
          });
          return out;
        });
        expect(values).toContain(hours);
      } else {
        // A Word document: a zip with word/document.xml naming the year.
        const xml = await readZipEntry(file, 'word/document.xml');
        expect(xml).toContain('2024');
      }
    }
    // Viewed in the page (the printable HTML) as well.
    await page.getByRole('button', { name: 'Просмотреть' }).click();
    await page.frameLocator('iframe.report-frame').locator('h1, h2').first().waitFor();
    await screenshot(page, 'reports-2024');
  });

  it('national office reopens the accepted month with a reason: it leaves the report, the region corrects it', async () => {
    const published = async () =>
      (
        (await (await page.request.get(`${server.url}/api/reports/annual/2024?lang=ru`)).json()) as {
          totals: { hours: number | null };
        }
      ).totals.hours;
    expect(await published()).toBe(104);
    await page.goto(`${server.url}/national/review/${REGION}/${PERIOD}`);
    await page.getByRole('button', { name: 'Открыть заново' }).click();
    const ask = await confirmDialog(
      /^Открыть заново: .+, .*2024\?$/,
      /исключается из опубликованной статистики/,
    );
    // The reason is required: focus goes to it, the dialog stays.
    const reason = ask.getByLabel('Причина повторного открытия');
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await ask.getByRole('button', { name: 'Открыть заново' }).click();
    await ask.getByText('Укажите причину повторного открытия.').waitFor();
    await screenshot(page, 'national-reopen');
    await reason.fill('Часы «Балалар үйіне сабақ» учтены дважды.');
    await ask.getByRole('button', { name: 'Открыть заново' }).click();
    await page.getByText('Месяц открыт заново: он возвращён региону.').waitFor();
    expect(await published()).not.toBe(104);

    // The region reads the reason and may change the month again.
    await signOut(page, server.url);
    await signIn(page, server.url, rfo.email, rfo.password);
    await openMonth();
    expect(await status()).toBe('returned');
    expect(await text(page.getByTestId('return-comment'))).toContain('учтены дважды');
    await page.getByRole('tab', { name: 'Мероприятия' }).click();
    await page.getByTestId('add-activity').waitFor();
  });
});

/** One file of a zip archive (a .docx), as text. */
async function readZipEntry(file: string, name: string): Promise<string> {
  const yauzl = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: import('yauzl').Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        });
      });
      zip.on('end', () => reject(new Error(`${name} not in ${file}`)));
      zip.readEntry();
    });
  });
}
