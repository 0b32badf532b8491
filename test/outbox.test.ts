// The e-mail outbox (src/modules/outbox): a message queued in a transaction exists exactly when it
// commits; the delivery job hands it to a real SMTP server running in this process (smtp-server) and
// marks it sent; a server that refuses or is down leaves it queued with a later attempt, and nothing
// throws; two runners (two connections, as two servers) send each message once; a lease that ran
// out (server killed mid-send) is taken over; markup is escaped in the HTML part; without SMTP_URL
// messages wait, readable by the national admin through the API and the CLI. Both databases.
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection.ts';
import { JobRunner } from '../src/modules/jobs/jobs.service.ts';
import { claimMessage, findMessage } from '../src/modules/outbox/outbox.repository.ts';
import {
  deliverOutbox,
  MAX_ATTEMPTS,
  outboxDeliveryJob,
  queueMessage,
  smtpSettings,
} from '../src/modules/outbox/outbox.service.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import { runCli } from './helpers/cli.ts';
import type { TestDatabase } from './helpers/db.ts';
import { type Received, startSmtp } from './helpers/smtp.ts';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** The decoded body of the MIME part of `type` (quoted-printable or base64, UTF-8). */
function part(raw: string, type: 'text/plain' | 'text/html'): string {
  const start = raw.indexOf(`Content-Type: ${type}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = raw.slice(start);
  const headerEnd = rest.indexOf('\r\n\r\n');
  const headers = rest.slice(0, headerEnd);
  const body = rest.slice(headerEnd + 4).split(/\r\n--/)[0] ?? '';
  if (/Content-Transfer-Encoding: base64/i.test(headers)) return Buffer.from(body, 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

const message = (n: number | string, extra: Partial<Parameters<typeof queueMessage>[1]> = {}) => ({
  kind: 'test',
  to: `rfo-${n}@example.kz`,
  lang: 'en',
  subject: `Test message ${n}`,
  body: `Hello ${n}`,
  ...extra,
});

let t: TestApp;
let database: TestDatabase;
let other: Database;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let runnerNames = 0;

/** A runner of the real delivery job (under a name of its own, due at once) at time `now`. */
function runner(db: Database, url: string | undefined, now: Date, owner: string) {
  const job = { ...outboxDeliveryJob({ SMTP_URL: url }), name: `deliver-outbox-${++runnerNames}` };
  return { job, make: (d = db, o = owner) => new JobRunner(d, [job], { owner: o, now: () => now }) };
}

const inSeconds = (s: number) => new Date(Date.now() + s * 1000);

beforeAll(async () => {
  t = await createTestApp();
  database = t.database;
  const schema = /search_path=([^\s]+)/.exec(database.cliEnv.PGOPTIONS ?? '')?.[1];
  other = openDatabase(database.cliUrl, schema ? { schema } : {});
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.close();
  await other?.close();
  await t?.close();
});
beforeEach(async () => {
  await database.db.deleteFrom('outbox').execute();
  smtp.received.length = 0;
  smtp.state.refuse = false;
});

const queue = (m: ReturnType<typeof message>) =>
  database.db.transaction().execute((trx) => queueMessage(trx, m));

describe('outbox', () => {
  it('a message queued in a rolled-back transaction does not exist; a committed one does', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await queueMessage(trx, message('rolled-back'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const id = await queue(message('committed'));
    const rows = await database.db.selectFrom('outbox').select(['id', 'recipient', 'status']).execute();
    expect(rows).toEqual([{ id, recipient: 'rfo-committed@example.kz', status: 'queued' }]);
  });

  it('the job sends a queued message: it arrives with its recipient, subject and body, in the recipient’s language, and is marked sent', async () => {
    const id = await queue(
      message('ru', {
        lang: 'ru',
        subject: 'Месяц возвращён на доработку',
        body: 'Комментарий: <b>проверьте</b> & <script>alert(1)</script>\n\nСпасибо',
      }),
    );
    const { make } = runner(database, smtp.url, inSeconds(1), 'A');
    const r = make();
    await r.start();
    await r.stop();
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0] as Received;
    expect(got.to).toEqual(['rfo-ru@example.kz']);
    expect(got.raw).toMatch(/^Content-Language: ru/m);
    expect(got.raw).toMatch(/^Subject: =\?UTF-8\?/m); // encoded, not raw bytes
    expect(part(got.raw, 'text/plain')).toContain(
      'Комментарий: <b>проверьте</b> & <script>alert(1)</script>',
    );
    const html = part(got.raw, 'text/html');
    expect(html).toContain(
      'Комментарий: &lt;b&gt;проверьте&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('lang="ru"');
    const row = await findMessage(database.db, id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lease_owner: null, last_error: null });
    expect(row?.sent_at).toBeTruthy();
  });

  it('a line break in a subject does not start another header', async () => {
    await queue(message('inject', { subject: 'Hello\r\nBcc: thief@example.com' }));
    await deliverOutbox(database, inSeconds(1), { smtp: smtpSettings({ SMTP_URL: smtp.url }) });
    const got = smtp.received[0] as Received;
    expect(got.to).toEqual(['rfo-inject@example.kz']);
    expect(got.raw).not.toMatch(/^Bcc:/m);
    expect(got.raw).toMatch(/^Subject: Hello Bcc: thief@example.com/m);
  });

  it('a refusing server leaves the message queued with its attempt counted and a later attempt; it goes once the server accepts', async () => {
    const id = await queue(message('refused'));
    smtp.state.refuse = true;
    const t0 = inSeconds(1);
    const { make } = runner(database, smtp.url, t0, 'A');
    const first = make();
    await expect(first.start()).resolves.toHaveLength(1);
    await first.stop();
    const after1 = await findMessage(database.db, id);
    expect(after1).toMatchObject({ status: 'queued', attempts: 1, lease_owner: null });
    expect(after1?.last_error).toMatch(/550|Mailbox unavailable/);
    expect(after1?.next_attempt_at).toBe(new Date(t0.getTime() + 60_000).toISOString());

    // Not due yet: nothing is tried even though the server would now accept.
    smtp.state.refuse = false;
    await deliverOutbox(database, new Date(t0.getTime() + 30_000), {
      smtp: smtpSettings({ SMTP_URL: smtp.url }),
    });
    expect(smtp.received).toHaveLength(0);

    // Refused again when due: the delay doubles.
    smtp.state.refuse = true;
    const t1 = new Date(t0.getTime() + 60_000);
    await deliverOutbox(database, t1, { smtp: smtpSettings({ SMTP_URL: smtp.url }) });
    const after2 = await findMessage(database.db, id);
    expect(after2).toMatchObject({ status: 'queued', attempts: 2 });
    expect(after2?.next_attempt_at).toBe(new Date(t1.getTime() + 120_000).toISOString());

    smtp.state.refuse = false;
    await deliverOutbox(database, new Date(t1.getTime() + 120_000), {
      smtp: smtpSettings({ SMTP_URL: smtp.url }),
    });
    expect(smtp.received.map((m) => m.to)).toEqual([['rfo-refused@example.kz']]);
    expect(await findMessage(database.db, id)).toMatchObject({
      status: 'sent',
      attempts: 3,
      last_error: null,
    });
  });

  it('after the last attempt a refused message is given up (failed), and not tried again', async () => {
    const id = await queue(message('given-up'));
    await database.db
      .updateTable('outbox')
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .where('id', '=', id)
      .execute();
    smtp.state.refuse = true;
    const settings = { smtp: smtpSettings({ SMTP_URL: smtp.url }) };
    await expect(deliverOutbox(database, inSeconds(1), settings)).resolves.toEqual({ sent: 0, failed: 1 });
    expect(await findMessage(database.db, id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    smtp.state.refuse = false;
    await deliverOutbox(database, inSeconds(24 * 3600), settings);
    expect(smtp.received).toHaveLength(0);
  });

  it('a mail server that is down: the message stays queued, the job records no failure, nothing throws', async () => {
    const id = await queue(message('down'));
    const { make, job } = runner(database, `smtp://127.0.0.1:${await closedPort()}`, inSeconds(1), 'A');
    const r = make();
    await expect(r.start()).resolves.toEqual([job.name]);
    await r.stop();
    const row = await findMessage(database.db, id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lease_owner: null });
    expect(row?.last_error).toMatch(/ECONNREFUSED|connect/i);
    const jobRow = await database.db
      .selectFrom('jobs')
      .selectAll()
      .where('name', '=', job.name)
      .executeTakeFirst();
    expect(jobRow?.last_error).toBeNull();
  });

  it('two runners on two connections (two servers) send each message once', async () => {
    for (let i = 0; i < 6; i++) await queue(message(`race-${i}`));
    const now = inSeconds(1);
    const { make } = runner(database, smtp.url, now, 'A');
    const a = make(database, 'A');
    const b = make(other, 'B');
    await Promise.all([a.start(), b.start(), a.tick(), b.tick()]);
    await Promise.all([a.stop(), b.stop()]);
    // And two senders told to deliver at once, past the job's own claim: each message is claimed once.
    for (let i = 0; i < 6; i++) await queue(message(`race2-${i}`));
    const settings = smtpSettings({ SMTP_URL: smtp.url });
    // A time after these were queued (a slow machine may have spent more than a second above).
    const later = inSeconds(1);
    const results = await Promise.all([
      deliverOutbox(database, later, { smtp: settings, owner: 'A' }),
      deliverOutbox(other, later, { smtp: settings, owner: 'B' }),
      deliverOutbox(database, later, { smtp: settings, owner: 'C' }),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
    const to = smtp.received.flatMap((m) => m.to).sort();
    expect(to).toHaveLength(12);
    expect(new Set(to).size).toBe(12);
    const rows = await database.db.selectFrom('outbox').select(['status', 'attempts']).execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('a message left sending by a server that died is sent once its lease has run out', async () => {
    const id = await queue(message('orphan'));
    const t0 = inSeconds(1);
    const claimed = await claimMessage(database.db, {
      id,
      owner: 'dead',
      now: t0.toISOString(),
      leaseUntil: new Date(t0.getTime() + 600_000).toISOString(),
    });
    expect(claimed).toMatchObject({ status: 'sending', attempts: 1 });
    const settings = { smtp: smtpSettings({ SMTP_URL: smtp.url }) };
    await deliverOutbox(database, new Date(t0.getTime() + 60_000), settings);
    expect(smtp.received).toHaveLength(0); // the lease still holds
    await deliverOutbox(database, new Date(t0.getTime() + 600_000), settings);
    expect(smtp.received.map((m) => m.to)).toEqual([['rfo-orphan@example.kz']]);
    expect(await findMessage(database.db, id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('without SMTP_URL messages stay queued, readable by the national admin (API and CLI) and no one else', async () => {
    const id = await queue(message('waiting', { subject: 'Reminder <b>', body: 'Line one\nLine two' }));
    const { make } = runner(database, undefined, inSeconds(1), 'A');
    const r = make();
    await r.start();
    await r.stop();
    expect(smtp.received).toHaveLength(0);

    const admin = await signIn(t, 'national_admin');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/outbox?status=queued',
      headers: admin.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({
        id,
        to: 'rfo-waiting@example.kz',
        status: 'queued',
        attempts: 0,
        subject: 'Reminder <b>',
      }),
    ]);
    const sent = await t.app.inject({
      method: 'GET',
      url: '/api/outbox?status=sent',
      headers: admin.headers,
    });
    expect(sent.json()).toEqual([]);
    const one = await t.app.inject({ method: 'GET', url: `/api/outbox/${id}`, headers: admin.headers });
    expect(one.json()).toMatchObject({
      id,
      body: 'Line one\nLine two',
      lang: 'en',
      lastError: null,
      sentAt: null,
    });
    const missing = await t.app.inject({ method: 'GET', url: '/api/outbox/999999', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: '/api/outbox?status=lost', headers: admin.headers });
    expect(bad.statusCode).toBe(400);

    for (const role of ['national_analyst', 'rfo', 'org_coordinator', 'viewer'] as const) {
      const u = await signIn(t, role);
      const res = await t.app.inject({ method: 'GET', url: `/api/outbox/${id}`, headers: u.headers });
      expect(res.statusCode, role).toBe(403);
      expect(res.json().message).toBe('The e-mail outbox is read by the national admin');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/outbox' })).statusCode).toBe(401);

    const env = database.cliEnv;
    const cliList = await runCli(['outbox', 'list', '--status', 'queued'], { env });
    expect(cliList.code).toBe(0);
    expect(cliList.stdout).toContain(`${id}\tqueued\t0\t`);
    expect(cliList.stdout).toContain('rfo-waiting@example.kz\tReminder <b>');
    const cliShow = await runCli(['outbox', 'show', String(id)], { env });
    expect(cliShow.code).toBe(0);
    expect(cliShow.stdout).toContain('To: rfo-waiting@example.kz [en]');
    expect(cliShow.stdout).toContain('Line one\nLine two');
    const cliMissing = await runCli(['outbox', 'show', '999999'], { env });
    expect(cliMissing.code).not.toBe(0);
    expect(cliMissing.stderr).toContain('No message 999999 in the outbox');
    const cliBad = await runCli(['outbox', 'list', '--status', 'lost'], { env });
    expect(cliBad.code).not.toBe(0);
    expect(cliBad.stderr).toContain('--status takes queued, sending, sent, failed');
  });

  it('bad input: a recipient that is no address or an unknown language is refused at queueing; a bad SMTP_URL says what is wrong', async () => {
    await expect(queue(message('x', { to: 'not an address' }))).rejects.toThrow('Not an e-mail address');
    await expect(queue(message('x', { lang: 'de' }))).rejects.toThrow('Unknown language de');
    expect(smtpSettings({})).toBeNull();
    expect(smtpSettings({ SMTP_URL: 'smtp://u:p@mail.example.kz:587' })).toEqual({
      url: 'smtp://u:p@mail.example.kz:587',
      from: 'Birgemiz <noreply@mail.example.kz>',
    });
    expect(() => smtpSettings({ SMTP_URL: 'mail.example.kz' })).toThrow(/SMTP_URL is not a URL/);
    expect(() => smtpSettings({ SMTP_URL: 'http://mail.example.kz' })).toThrow(/smtp:\/\/… or smtps:\/\//);
  });
});
