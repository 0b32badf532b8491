// The record book and its certificates (issue 12 items 1–2): confirmed participations with totals,
// seen by the volunteer only; a certificate as PDF (parsed back: its text has the code, the totals
// and the Kazakh letters) and .docx, whose QR code decodes to the verification address; the public
// check says valid, superseded or revoked, shows initials only, forgives typing, is rate-limited.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPng } from '../src/modules/record-book/certificate.documents.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import {
  type Coordinator,
  call,
  opportunity,
  organisation,
  startShift,
  type Volunteer,
  volunteer,
} from './helpers/platform.ts';

let t: TestApp;
let admin: SignedIn;
let coord: Coordinator;
let v: Volunteer;
let other: Volunteer;
const apps: number[] = [];
const KAZAKH_TITLE = 'Әлеуметтік көмек: ғ қ ң ө ұ ү һ і';

/** The text of every page of a PDF, read back with pdf.js. */
async function pdfText(pdf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  let out = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    out += `${content.items.map((it) => ('str' in it ? it.str : '')).join(' ')}\n`;
  }
  await doc.destroy();
  // Table cells wrap their lines: compare with the spaces collapsed.
  return out.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, 'national_admin');
  coord = await organisation(t, admin);
  v = await volunteer(t.database.db, { name: 'Айгерим Сапарова', birth_date: '1996-03-09' });
  other = await volunteer(t.database.db);
  // Two participations: 4 h and 2.5 h, in two areas.
  for (const [i, area, title, hours] of [
    [1, 'taza_alem', 'Субботник <b>в парке</b>', 4],
    [2, 'qamqor', KAZAKH_TITLE, 2.5],
  ] as const) {
    const opp = await opportunity(t, coord, {
      title,
      area,
      shifts: [{ start: `2030-0${i}-10T10:00:00+05:00`, end: `2030-0${i}-10T14:00:00+05:00`, capacity: 5 }],
    });
    const shift = opp.shifts[0] as number;
    const { id } = (
      await call(t, v, 'POST', `/api/platform/shifts/${shift}/applications`, undefined, 201)
    ).json();
    await call(t, coord, 'POST', `/api/platform/applications/${id}/accept`, undefined, 200);
    await startShift(t.database.db, shift);
    await call(
      t,
      coord,
      'POST',
      `/api/platform/applications/${id}/attendance`,
      { attended: true, hours },
      200,
    );
    apps.push(id);
  }
});
afterAll(async () => t?.close());

describe('the record book', () => {
  it('lists the confirmed participations with totals by year and area, for the volunteer only', async () => {
    const book = (await call(t, v, 'GET', '/api/platform/volunteers/me/record-book', undefined, 200)).json();
    expect(book.totals).toEqual({ hours: 6.5, participations: 2 });
    expect(
      book.entries.map((e: { opportunity: string; hours: number }) => [e.opportunity, e.hours]),
    ).toHaveLength(2);
    expect(book.byArea).toEqual([
      { area: 'taza_alem', hours: 4, participations: 1 },
      { area: 'qamqor', hours: 2.5, participations: 1 },
    ]);
    expect(book.byYear).toHaveLength(1);
    expect(
      (await call(t, other, 'GET', '/api/platform/volunteers/me/record-book', undefined, 200)).json().totals,
    ).toEqual({
      hours: 0,
      participations: 0,
    });
    expect((await call(t, coord, 'GET', '/api/platform/volunteers/me/record-book')).statusCode).toBe(403);
    expect((await call(t, null, 'GET', '/api/platform/volunteers/me/record-book')).statusCode).toBe(401);
  });

  it('an empty record book has no certificate, with a clear message', async () => {
    const res = await call(t, other, 'POST', '/api/platform/volunteers/me/certificates', { lang: 'ru' });
    expect([res.statusCode, res.json().error]).toEqual([409, 'record_book_empty']);
    const year = await call(t, v, 'POST', '/api/platform/volunteers/me/certificates', {
      lang: 'ru',
      year: 2011,
    });
    expect([year.statusCode, year.json().error]).toEqual([409, 'record_book_empty']);
  });
});

describe('certificates', () => {
  let first: { code: string; url: string; docxUrl: string; verifyUrl: string };

  it('a PDF in Kazakh with the code, the totals and the Kazakh letters; a .docx; only its holder downloads them', async () => {
    first = (
      await call(t, v, 'POST', '/api/platform/volunteers/me/certificates', { lang: 'kk' }, 201)
    ).json();
    expect(first.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(first.verifyUrl).toMatch(new RegExp(`/verify/${first.code}$`));
    const pdf = await t.app.inject({ method: 'GET', url: first.url, headers: v.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(first.code);
    expect(text).toContain('6,5 сағат');
    expect(text).toContain(KAZAKH_TITLE);
    expect(text).toContain('Волонтерлік кітапшадан анықтама');
    expect(text).toContain('А. С.');
    expect(text).not.toContain('Сапарова');
    const docx = await t.app.inject({ method: 'GET', url: first.docxUrl, headers: v.headers });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await t.app.inject({ method: 'GET', url: first.url, headers: other.headers })).statusCode).toBe(
      404,
    );
  });

  it('its QR code decodes to the verification address', async () => {
    const png = PNG.sync.read(await qrPng(first.verifyUrl));
    const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(found?.data).toBe(first.verifyUrl);
  });

  it('the public check: valid with initials only, typing forgiven; superseded by a newer one; revoked with the hours', async () => {
    const check = (code: string, address = '198.51.100.7') =>
      t.app.inject({ method: 'GET', url: `/api/verify/${encodeURIComponent(code)}`, remoteAddress: address });
    const res = await check(first.code);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'valid',
      holder: 'А. С.',
      totals: { hours: 6.5, participations: 2 },
      scope: 'all',
    });
    expect(res.body).not.toContain(v.email);
    expect(res.body).not.toContain('1996');
    // Typed in lower case, without dashes, O for 0: the same certificate.
    const typed = first.code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    expect((await check(typed)).json().code).toBe(first.code);
    expect((await check('AAAA-BBBB-CCCC-DDDD')).statusCode).toBe(404);
    expect((await check('<script>')).statusCode).toBe(404);

    // A year's certificate is another scope: the first stays valid; a new whole one supersedes it.
    const { byYear } = (await call(t, v, 'GET', '/api/platform/volunteers/me/record-book')).json();
    await call(
      t,
      v,
      'POST',
      '/api/platform/volunteers/me/certificates',
      { lang: 'ru', year: byYear[0].year },
      201,
    );
    expect((await check(first.code)).json().status).toBe('valid');
    const second = (
      await call(t, v, 'POST', '/api/platform/volunteers/me/certificates', { lang: 'en' }, 201)
    ).json();
    expect((await check(first.code)).json().status).toBe('superseded');
    expect((await check(second.code)).json().status).toBe('valid');

    // Hours behind it revoked: revoked, the entries still as issued.
    await call(
      t,
      coord,
      'POST',
      `/api/platform/applications/${apps[1]}/revoke`,
      { reason: 'Not there' },
      200,
    );
    const revoked = (await check(second.code)).json();
    expect(revoked.status).toBe('revoked');
    expect(revoked.totals.hours).toBe(6.5);

    // The page anyone opens from the QR code: server-rendered HTML, escaped, in the asked language.
    const page = await t.app.inject({
      method: 'GET',
      url: `/verify/${second.code}?lang=ru`,
      remoteAddress: '198.51.100.8',
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('data-status="revoked"');
    expect(page.body).toContain('Субботник &lt;b&gt;в парке&lt;/b&gt;');
    expect(page.body).not.toContain('<b>в парке');
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ',
      remoteAddress: '198.51.100.8',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Такого кода нет');
  });

  it('checking is limited per client address', async () => {
    let last = 0;
    for (let i = 0; i < 61; i++)
      last = (
        await t.app.inject({ method: 'GET', url: `/api/verify/${first.code}`, remoteAddress: '203.0.113.99' })
      ).statusCode;
    expect(last).toBe(429);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/verify/${first.code}`,
          remoteAddress: '203.0.113.100',
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('a record book of 5,000 entries', () => {
  it('is certified in one PDF, streamed page by page, with every entry and the totals', async () => {
    const many = await volunteer(t.database.db, { name: 'Марат Көпжасаров' });
    const opp = await opportunity(t, coord, { title: 'Ұзақ жоба' });
    const db = t.database.db;
    const base = Date.parse('2026-01-01T05:00:00Z');
    const N = 5000;
    const now = new Date().toISOString();
    const shiftIds: number[] = [];
    for (let i = 0; i < N; i += 500) {
      const rows = await db
        .insertInto('opportunity_shift')
        .values(
          Array.from({ length: Math.min(500, N - i) }, (_, k) => {
            const start = base + (i + k) * 6 * 3600_000;
            return {
              opportunity_id: opp.id,
              start_at: new Date(start).toISOString(),
              end_at: new Date(start + 2 * 3600_000).toISOString(),
              capacity: 1,
            };
          }),
        )
        .returning('id')
        .execute();
      shiftIds.push(...rows.map((r) => Number(r.id)));
    }
    for (let i = 0; i < N; i += 500)
      await db
        .insertInto('application')
        .values(
          shiftIds.slice(i, i + 500).map((shift_id) => ({
            shift_id,
            opportunity_id: opp.id,
            volunteer_id: many.userId,
            status: 'attended',
            hours: 2,
            attendance_at: now,
            cohort: 'general',
            created_at: now,
            updated_at: now,
            answered_at: now,
          })),
        )
        .execute();
    const cert = (
      await call(t, many, 'POST', '/api/platform/volunteers/me/certificates', { lang: 'en' }, 201)
    ).json();
    const pdf = await t.app.inject({ method: 'GET', url: cert.url, headers: many.headers });
    expect(pdf.statusCode).toBe(200);
    // Streamed: no length known up front.
    expect(pdf.headers['content-length']).toBeUndefined();
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf.rawPayload), useSystemFonts: false })
      .promise;
    expect(doc.numPages).toBeGreaterThan(80);
    const pageText = async (n: number) =>
      (await (await doc.getPage(n)).getTextContent()).items
        .map((it) => ('str' in it ? it.str : ''))
        .join(' ')
        .replace(/\s+/g, ' ');
    expect(await pageText(1)).toContain('Total: 10000 hours, 5000 participations.');
    // The last entry (5,000 × 6 h after the first) and the closing lines are on the last page.
    const last = await pageText(doc.numPages);
    const lastDay = new Date(base + (N - 1) * 6 * 3600_000 + 5 * 3600_000).toISOString().slice(0, 10);
    const [y, m, d] = lastDay.split('-');
    expect(last).toContain(`${d}/${m}/${y}`);
    expect(last).toContain(cert.code);
    await doc.destroy();
  });
});
