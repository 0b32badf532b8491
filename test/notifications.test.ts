// What the monthly cycle sends (src/modules/notifications, issue 10 item 9): a return (with the
// reviewer's comment), an acceptance and a reopening (with the reason) queue a message to every
// active RFO account of the region, in its language, in the decision's transaction (over HTTP and
// from the CLI), whatever the account's switch; a decision that fails queues nothing. The hourly job
// queues reminders before and after a deadline and the national office's digest, each once however
// often and however many servers run it, only to those who keep them on. A user sets the language
// of their messages and the switch (API, CLI; the admin sets another's language). One message goes
// through a real SMTP server and arrives with its Cyrillic and Kazakh subject and body intact.
// Both databases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { JobRunner } from '../src/modules/jobs/jobs.service.ts';
import {
  cycleMessagesJob,
  queueDecisionMessages,
  sendCycleMessages,
} from '../src/modules/notifications/notifications.service.ts';
import { deliverOutbox } from '../src/modules/outbox/outbox.service.ts';
import { createTestApp, type SignedIn, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';
import { dialectUnderTest } from './helpers/db.ts';
import { type Received, startSmtp } from './helpers/smtp.ts';

let t: TestApp;
let other: Database;
let admin: SignedIn;
let analyst: SignedIn;
/** The front office of KZ-75 (Almaty): one account per language, one disabled. */
let rfoKk: SignedIn;
let rfoRu: SignedIn;
let rfoEn: SignedIn;
let rfoOff: SignedIn;
/** Another region's front office: hears nothing of KZ-75. */
let rfoOther: SignedIn;

const REGION = 'KZ-75';
let names: Record<'kk' | 'ru' | 'en', string>;

const inject = (who: SignedIn, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: who.headers, payload });

const prefs = (who: SignedIn, payload: object) => inject(who, 'PATCH', '/api/auth/me/preferences', payload);

beforeAll(async () => {
  t = await createTestApp();
  const schema = /search_path=([^\s]+)/.exec(t.database.cliEnv.PGOPTIONS ?? '')?.[1];
  other = openDatabase(t.database.cliUrl, schema ? { schema } : {});
  admin = await signIn(t, 'national_admin');
  analyst = await signIn(t, 'national_analyst');
  rfoKk = await signIn(t, 'rfo', { region: REGION });
  rfoRu = await signIn(t, 'rfo', { region: REGION });
  rfoEn = await signIn(t, 'rfo', { region: REGION });
  rfoOff = await signIn(t, 'rfo', { region: REGION });
  rfoOther = await signIn(t, 'rfo', { region: 'KZ-79' });
  // Each sets their own language (rfoRu keeps the default, Russian); the admin disables one.
  expect((await prefs(rfoKk, { lang: 'kk' })).json()).toEqual({ lang: 'kk', notifyOptional: true });
  expect((await prefs(rfoEn, { lang: 'en' })).statusCode).toBe(200);
  expect((await inject(admin, 'PATCH', `/api/users/${rfoOff.userId}`, { disabled: true })).statusCode).toBe(
    200,
  );
  const unit = await t.database.db
    .selectFrom('territory_unit')
    .select(['name_kk', 'name_ru', 'name_en'])
    .where('code', '=', REGION)
    .executeTakeFirstOrThrow();
  names = { kk: unit.name_kk, ru: unit.name_ru, en: unit.name_en };
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});
beforeEach(async () => {
  await t.database.db.deleteFrom('outbox').execute();
});

const outbox = () =>
  t.database.db
    .selectFrom('outbox')
    .select(['kind', 'recipient', 'lang', 'subject', 'body'])
    .orderBy('id')
    .execute();
const byRecipient = async () => new Map((await outbox()).map((m) => [m.recipient, m]));

/**
 * `work` on this server's connection and on another's (another server): at once on PostgreSQL; one
 * after the other on SQLite, whose two connections in one process would block each other's event
 * loop (two servers are two processes).
 */
async function both<T>(work: (db: Database['db']) => Promise<T>): Promise<T[]> {
  if (dialectUnderTest === 'postgres') return Promise.all([work(t.database.db), work(other.db)]);
  return [await work(t.database.db), await work(other.db)];
}

const activity = (period: string) => ({
  region: REGION,
  period,
  organization: 'Жас Қанат',
  organization_type: 'npo',
  title: 'Snow clearing',
  area: 'umit',
  format: 'offline',
  kind: 'event',
  start_date: `${period}-10`,
  end_date: `${period}-10`,
  volunteers: 3,
  hours: 6,
});

const act = (who: SignedIn, period: string, action: string, payload: object) =>
  inject(who, 'POST', `/api/submissions/${REGION}/${period}/${action}`, payload);

/** A month of KZ-75 with one record, submitted by the region; its version. */
async function submitted(period: string): Promise<number> {
  expect((await inject(rfoRu, 'POST', '/api/activities', activity(period))).statusCode).toBe(201);
  const s = await act(rfoRu, period, 'submit', { version: 1 });
  expect(s.statusCode, s.body).toBe(200);
  await t.database.db.deleteFrom('outbox').execute();
  return s.json().version;
}

describe('messages of a decision', () => {
  it('a return queues the comment to each active RFO of the region, in their language, markup kept as text', async () => {
    const version = await submitted('2022-12');
    const comment = 'Row 3: <b>hours</b> & <script>alert(1)</script> — проверьте';
    const r = await act(admin, '2022-12', 'return', { version, comment });
    expect(r.statusCode, r.body).toBe(200);
    const got = await byRecipient();
    expect([...got.keys()].sort()).toEqual([rfoKk.email, rfoRu.email, rfoEn.email].sort());
    const ru = got.get(rfoRu.email);
    expect(ru).toMatchObject({ kind: 'submission.returned', lang: 'ru' });
    expect(ru?.subject).toBe(`Возвращено на доработку: ${names.ru}, декабрь 2022`);
    expect(ru?.body).toContain(comment);
    expect(ru?.body).toContain(`/rfo/${REGION}/2022-12`);
    const kk = got.get(rfoKk.email);
    expect(kk).toMatchObject({ lang: 'kk' });
    expect(kk?.subject).toBe(`Түзетуге қайтарылды: ${names.kk}, 2022 жылғы желтоқсан`);
    expect(kk?.body).toContain(comment);
    const en = got.get(rfoEn.email);
    expect(en?.subject).toBe(`Returned for correction: ${names.en}, December 2022`);
    expect(en?.body).toContain("The reviewer's comment:");
    // the link goes to the web application's address (PUBLIC_URL, default http://localhost:3000)
    expect(en?.body).toMatch(/https?:\/\/[^\s]+\/rfo\/KZ-75\/2022-12/);
    expect(got.has(rfoOther.email)).toBe(false);
    expect(got.has(rfoOff.email)).toBe(false);
  });

  it('an acceptance and a reopening (with the reason) are sent too, even to an account that switched reminders off', async () => {
    expect((await prefs(rfoEn, { notifyOptional: false })).json()).toEqual({
      lang: 'en',
      notifyOptional: false,
    });
    const version = await submitted('2023-01');
    const a = await act(analyst, '2023-01', 'accept', { version });
    expect(a.statusCode, a.body).toBe(200);
    let got = await byRecipient();
    expect(got.size).toBe(3);
    expect(got.get(rfoRu.email)).toMatchObject({
      kind: 'submission.accepted',
      subject: `Принято: ${names.ru}, январь 2023`,
    });
    expect(got.get(rfoEn.email)?.subject).toBe(`Accepted: ${names.en}, January 2023`);

    await t.database.db.deleteFrom('outbox').execute();
    const reason = 'Hours entered twice <i>see row 1</i>';
    const r = await act(admin, '2023-01', 'reopen', { version: a.json().version, reason });
    expect(r.statusCode, r.body).toBe(200);
    got = await byRecipient();
    expect(got.size).toBe(3);
    expect(got.get(rfoKk.email)).toMatchObject({
      kind: 'submission.reopened',
      subject: `Қайта ашылды: ${names.kk}, 2023 жылғы қаңтар`,
    });
    expect(got.get(rfoKk.email)?.body).toContain(reason);
    expect(got.get(rfoEn.email)?.body).toContain(`The reason:\n${reason}`);
    await prefs(rfoEn, { notifyOptional: true });
  });

  it('the CLI `submissions reopen` queues the same messages', async () => {
    const version = await submitted('2023-02');
    expect((await act(admin, '2023-02', 'accept', { version })).statusCode).toBe(200);
    await t.database.db.deleteFrom('outbox').execute();
    const run = await runCli(
      ['submissions', 'reopen', '--region', REGION, '--period', '2023-02', '--reason', 'Totals wrong'],
      { env: t.database.cliEnv },
    );
    expect(run.code, run.stderr).toBe(0);
    const got = await byRecipient();
    expect(got.size).toBe(3);
    expect(got.get(rfoRu.email)).toMatchObject({
      kind: 'submission.reopened',
      lang: 'ru',
      subject: `Открыто для исправления: ${names.ru}, февраль 2023`,
    });
    expect(got.get(rfoRu.email)?.body).toContain('Причина:\nTotals wrong');
  });

  it('a decision that fails queues nothing', async () => {
    const version = await submitted('2023-03');
    // stale version, a step the status does not allow, a missing comment: refused, nothing queued
    expect((await act(admin, '2023-03', 'accept', { version: version - 1 })).statusCode).toBe(409);
    expect((await act(admin, '2023-03', 'reopen', { version, reason: 'x' })).statusCode).toBe(409);
    expect((await act(admin, '2023-03', 'return', { version })).statusCode).toBe(400);
    expect((await act(rfoRu, '2023-03', 'accept', { version })).statusCode).toBe(403);
    expect(await outbox()).toEqual([]);
    // two reviewers deciding at once: one wins, one set of messages
    const race = await Promise.all([
      act(admin, '2023-03', 'accept', { version }),
      act(analyst, '2023-03', 'return', { version, comment: 'Fix it' }),
    ]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const kinds = (await outbox()).map((m) => m.kind);
    expect(kinds).toHaveLength(3);
    expect(new Set(kinds).size).toBe(1);
    // queued in the caller's transaction: rolled back with it
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        expect(
          await queueDecisionMessages(trx, {
            action: 'return',
            region: REGION,
            period: '2023-03',
            comment: 'x',
          }),
        ).toBe(3);
        throw new Error('the decision failed');
      }),
    ).rejects.toThrow('the decision failed');
    expect(await outbox()).toHaveLength(3);
  });
});

describe('reminders and the digest', () => {
  // 2041-03-02 09:00 in Kazakhstan: February 2041 is due on 2041-03-05 (in 3 days), January 2041
  // was due on 2041-02-05 (overdue).
  const NOW = new Date('2041-03-02T04:00:00Z');

  it('reminds each RFO once before the deadline and once when overdue, however often and however many run it', async () => {
    const first = await both((db) => sendCycleMessages(db, NOW));
    const again = await sendCycleMessages(t.database.db, new Date(NOW.getTime() + 3600_000));
    const all = await outbox();
    const mine = all.filter((m) => [rfoKk.email, rfoRu.email, rfoEn.email].includes(m.recipient));
    expect(mine.map((m) => `${m.recipient} ${m.kind}`).sort()).toEqual(
      [rfoKk, rfoRu, rfoEn].flatMap((u) => [`${u.email} reminder.due`, `${u.email} reminder.overdue`]).sort(),
    );
    // every other region's front office too, once per period
    expect(
      all
        .filter((m) => m.recipient === rfoOther.email)
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['reminder.due', 'reminder.overdue']);
    expect(all.some((m) => m.recipient === rfoOff.email)).toBe(false);
    const sum = (k: 'due' | 'overdue', runs: { due: number; overdue: number }[]) =>
      runs.reduce((n, r) => n + r[k], 0);
    expect(sum('due', first)).toBe(4);
    expect(sum('overdue', first)).toBe(4);
    expect(again).toMatchObject({ due: 0, overdue: 0 });

    const ru = mine.find((m) => m.recipient === rfoRu.email && m.kind === 'reminder.due');
    expect(ru?.subject).toBe(`Напоминание: ${names.ru}, февраль 2041 — срок 05.03.2041`);
    expect(ru?.body).toContain('/account\n'); // where to switch them off
    const kk = mine.find((m) => m.recipient === rfoKk.email && m.kind === 'reminder.overdue');
    expect(kk?.subject).toBe(`Мерзімі өтті: ${names.kk}, 2041 жылғы қаңтар`);
    const en = mine.find((m) => m.recipient === rfoEn.email && m.kind === 'reminder.due');
    expect(en?.subject).toBe(`Reminder: ${names.en}, February 2041 is due on 5 March 2041`);
  });

  it('the real job under two racing runners queues each reminder once', async () => {
    const now = new Date('2041-04-02T04:00:00Z'); // March 2041 due on 04-05
    const job = { ...cycleMessagesJob(), name: 'cycle-messages-race' };
    const a = new JobRunner(t.database, [job], { owner: 'A', now: () => now });
    const b = new JobRunner(other, [job], { owner: 'B', now: () => now });
    await Promise.all([a.start(), b.start()]);
    await Promise.all([a.stop(), b.stop()]);
    const due = (await outbox()).filter((m) => m.kind === 'reminder.due' && m.recipient === rfoRu.email);
    expect(due.map((m) => m.subject)).toEqual([`Напоминание: ${names.ru}, март 2041 — срок 05.04.2041`]);
  });

  it('no reminder for a month handed in, nor to an account that switched them off', async () => {
    const now = new Date('2041-05-02T04:00:00Z'); // April 2041 due on 05-05
    expect((await prefs(rfoKk, { notifyOptional: false })).statusCode).toBe(200);
    await sendCycleMessages(t.database.db, now);
    let due = (await outbox()).filter((m) => m.kind === 'reminder.due');
    expect(due.some((m) => m.recipient === rfoKk.email)).toBe(false);
    expect(due.some((m) => m.recipient === rfoRu.email)).toBe(true);
    await prefs(rfoKk, { notifyOptional: true });

    // June 2041 handed in before its reminder: KZ-75 gets none, KZ-79 does
    await submitted('2041-06');
    await sendCycleMessages(t.database.db, new Date('2041-07-03T04:00:00Z'));
    due = (await outbox()).filter((m) => m.kind === 'reminder.due');
    expect(due.some((m) => m.recipient === rfoRu.email)).toBe(false);
    expect(due.some((m) => m.recipient === rfoOther.email)).toBe(true);
  });

  it('the digest lists what waits, oldest first, to the national office in its language, once a day, not when nothing waits', async () => {
    await t.database.db.deleteFrom('submission').where('status', '=', 'submitted').execute();
    const day = new Date('2041-08-10T04:00:00Z');
    expect((await sendCycleMessages(t.database.db, day)).digests).toBe(0);
    expect((await outbox()).filter((m) => m.kind === 'digest')).toEqual([]);

    await submitted('2041-02');
    await submitted('2041-01');
    expect((await prefs(analyst, { lang: 'kk' })).statusCode).toBe(200);
    const run = await both((db) => sendCycleMessages(db, day));
    expect(run.reduce((n, r) => n + r.digests, 0)).toBe(2);
    const digests = (await outbox()).filter((m) => m.kind === 'digest');
    expect(digests.map((m) => m.recipient).sort()).toEqual([admin.email, analyst.email].sort());
    const ru = digests.find((m) => m.recipient === admin.email);
    expect(ru?.subject).toBe('Ждут проверки: 2');
    const body = ru?.body ?? '';
    // oldest first: February was submitted before January
    expect(body.indexOf('февраль 2041')).toBeGreaterThan(0);
    expect(body.indexOf('февраль 2041')).toBeLessThan(body.indexOf('январь 2041'));
    expect(body).toContain(`${names.ru}, февраль 2041`);
    expect(body).toContain(`/national/review/${REGION}/2041-02`);
    const kk = digests.find((m) => m.recipient === analyst.email);
    expect(kk?.subject).toBe('Тексеруді күтуде: 2');
    expect(kk?.body).toContain(`${names.kk}, 2041 жылғы ақпан`);

    // not at night (before 08:00 in Kazakhstan)
    expect((await sendCycleMessages(t.database.db, new Date('2041-08-11T02:59:00Z'))).digests).toBe(0);
    // the same day: not again; the next day: again; switched off: not
    expect((await sendCycleMessages(t.database.db, new Date('2041-08-10T12:00:00Z'))).digests).toBe(0);
    expect((await prefs(admin, { notifyOptional: false })).statusCode).toBe(200);
    expect((await sendCycleMessages(t.database.db, new Date('2041-08-11T04:00:00Z'))).digests).toBe(1);
    await prefs(admin, { notifyOptional: true });
    await prefs(analyst, { lang: 'ru' });
  });
});

describe('message settings', () => {
  it('each user reads and sets their own; bad input is refused; the admin sets another’s language', async () => {
    expect((await inject(rfoRu, 'GET', '/api/auth/me/preferences')).json()).toEqual({
      lang: 'ru',
      notifyOptional: true,
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me/preferences' })).statusCode).toBe(401);
    for (const bad of [{ lang: 'de' }, { notifyOptional: 'no' }, { lang: 'kk', role: 'national_admin' }])
      expect((await prefs(rfoRu, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    const changed = await inject(admin, 'PATCH', `/api/users/${rfoRu.userId}`, { lang: 'en' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await inject(rfoRu, 'GET', '/api/auth/me/preferences')).json().lang).toBe('en');
    // audited
    const trail = await t.database.db
      .selectFrom('audit_log')
      .select(['field', 'new_value'])
      .where('entity', '=', 'app_user')
      .where('entity_id', '=', String(rfoRu.userId))
      .execute();
    expect(trail).toContainEqual({ field: 'lang', new_value: 'en' });
    await prefs(rfoRu, { lang: 'ru' });
  });

  it('the CLI shows and sets an account’s settings', async () => {
    const cli = (...args: string[]) => runCli(['messages', ...args], { env: t.database.cliEnv });
    const set = await cli(
      '--email',
      rfoOther.email.toUpperCase(),
      '--lang',
      'kk',
      '--optional',
      'off',
      '--json',
    );
    expect(set.code, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ ok: true, lang: 'kk', notifyOptional: false });
    const show = await cli('--email', rfoOther.email);
    expect(show.stdout).toContain('messages in kk; reminders and digest off');
    expect((await cli('--email', rfoOther.email, '--lang', 'de')).code).toBe(2);
    expect((await cli('--email', 'nobody@test.kz')).code).not.toBe(0);
    // `messages run` queues what is due at that time, once
    const run = await cli('run', '--now', '2041-10-02T04:00:00Z', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, due: 3 }); // KZ-75's three; KZ-79's is off
    expect(JSON.parse((await cli('run', '--now', '2041-10-02T05:00:00Z', '--json')).stdout)).toMatchObject({
      due: 0,
    });
    expect((await cli('run', '--now', 'yesterday')).code).toBe(2);
  });
});

/** A header's value, its encoded words (RFC 2047, B or Q, UTF-8) decoded: nodemailer encodes a
 * whole non-ASCII subject as a run of words, and a character may be split between two of them. */
function header(raw: string, name: string): string {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  const m = new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'mi').exec(head);
  const value = (m?.[1] ?? '').replace(/\r\n[ \t]/g, ' ');
  const words = [...value.matchAll(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi)];
  if (words.length === 0) return value;
  const bytes = words.map(([, enc, data = '']) =>
    enc?.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ),
  );
  return Buffer.concat(bytes).toString('utf8');
}

/** The decoded text/plain (or text/html) part. */
function plain(raw: string, type = 'text/plain'): string {
  const start = raw.indexOf(`Content-Type: ${type}`);
  const rest = raw.slice(start);
  const headerEnd = rest.indexOf('\r\n\r\n');
  const headers = rest.slice(0, headerEnd);
  const body = rest.slice(headerEnd + 4).split(/\r\n--/)[0] ?? '';
  if (/base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  if (/quoted-printable/i.test(headers))
    return Buffer.from(
      body
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body;
}

describe('delivery', () => {
  it('a Kazakh and a Russian message arrive through a real SMTP server intact', async () => {
    const smtp = await startSmtp();
    try {
      const version = await submitted('2023-05');
      const comment = 'Өңір: «Жас Қанат» — сағаттарды тексеріңіз; проверьте часы <b>x</b>';
      expect((await act(admin, '2023-05', 'return', { version, comment })).statusCode).toBe(200);
      const sent = await deliverOutbox(t.database, new Date(Date.now() + 1000), {
        smtp: { url: smtp.url, from: 'Birgemiz <noreply@test.kz>' },
      });
      expect(sent.sent).toBe(3);
      const of = (who: SignedIn) => smtp.received.find((r) => r.to.includes(who.email)) as Received;
      const kk = of(rfoKk);
      expect(header(kk.raw, 'Subject')).toBe(`Түзетуге қайтарылды: ${names.kk}, 2023 жылғы мамыр`);
      expect(kk.raw).toMatch(/^Content-Language: kk/m);
      expect(plain(kk.raw)).toContain(comment);
      expect(plain(kk.raw)).toContain('Түзетіп, қайта жіберіңіз');
      const ru = of(rfoRu);
      expect(header(ru.raw, 'Subject')).toBe(`Возвращено на доработку: ${names.ru}, май 2023`);
      expect(plain(ru.raw)).toContain(`Комментарий проверяющего:\n${comment}`);
      // the HTML part has the markup as text
      expect(plain(ru.raw, 'text/html')).toContain('проверьте часы &lt;b&gt;x&lt;/b&gt;');
      expect(plain(ru.raw, 'text/html')).not.toContain('<b>x</b>');
    } finally {
      await smtp.close();
    }
  });
});
